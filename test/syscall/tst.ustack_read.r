

              libc.so.6`read
              ustack_read`main
                1

