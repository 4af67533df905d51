libc.so.6

