
              dtrace`dtrace_state_go
              dtrace`user_go

