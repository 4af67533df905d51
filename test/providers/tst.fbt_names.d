/* @@opts: -q */
/* @@requires: kernel fbt */
fbt:vmlinux:vfs_read:entry,
fbt:vmlinux:vfs_read:return
{
}

BEGIN
{
	exit(0);
}
