syscall:vmlinux:getpid:entry

