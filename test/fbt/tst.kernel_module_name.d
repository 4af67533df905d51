/* @@requires: kernel fbt */
/* @@opts: -q -w */
/*
 * "kernel" is the older spelling of vmlinux: fbt:kernel:vfs_read:entry
 * is vfs_read's entry, with the same arguments.
 */
BEGIN
{
	system("../../build/triggers/read_bytes /dev/zero 1234 2");
}

syscall::read:entry
/execname == "read_bytes" && arg2 == 1234/
{
	self->in = 1;
}

fbt:kernel:vfs_read:entry
/self->in/
{
	printf("%s:%s:%s asked for %d bytes\n", probemod, probefunc,
	    probename, arg2);
}

syscall::read:return
/self->in/
{
	self->in = 0;
}

syscall::exit_group:entry
/execname == "read_bytes"/
{
	exit(0);
}
