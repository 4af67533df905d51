vfs_read asked for 4000 bytes
vfs_read asked for 4000 bytes
vfs_read asked for 4000 bytes

