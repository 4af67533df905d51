entry /nonexistent/dtrace-test
return errno 2

