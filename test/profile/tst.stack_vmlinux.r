stacks
first frames with a symbol
vmlinux frames
