24 9 ok

