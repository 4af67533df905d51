vmlinux vfs_read entry
vmlinux vfs_read return
more than 20000 vmlinux probes

