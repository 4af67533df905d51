
              dtrace`dtrace_state_go

