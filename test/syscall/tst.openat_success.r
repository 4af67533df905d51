entry /dev/null
return errno 0, a descriptor

