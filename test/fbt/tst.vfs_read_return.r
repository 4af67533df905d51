vfs_read returned 3000
vfs_read returned 3000

