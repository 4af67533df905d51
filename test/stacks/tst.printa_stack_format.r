
dtrace`dtrace_state_go

    dtrace`dtrace_state_go
1

