vmlinux`entry_SYSCALL_64_after_hwframe
5
no dtrace frames
