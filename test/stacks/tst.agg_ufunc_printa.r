dtrace`user_go 1

dtrace`dtrace_state_go
dtrace`user_go
1

