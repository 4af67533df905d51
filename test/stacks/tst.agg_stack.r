

              dtrace`dtrace_state_go
                2
