kernel:vfs_read:entry asked for 1234 bytes
kernel:vfs_read:entry asked for 1234 bytes

