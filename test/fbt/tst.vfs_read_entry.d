/* @@requires: kernel fbt */
/* @@opts: -q -w */
/*
 * vfs_read's third argument is the byte count: the trigger asks for 4000
 * bytes of /dev/zero three times, and fbt's arg2 must say 4000 each time
 * (the read system call's own arg2 picks the reads, fbt's is printed).
 */
BEGIN
{
	system("../../build/triggers/read_bytes /dev/zero 4000 3");
}

syscall::read:entry
/execname == "read_bytes" && arg2 == 4000/
{
	self->in = 1;
}

fbt:vmlinux:vfs_read:entry
/self->in/
{
	printf("vfs_read asked for %d bytes\n", arg2);
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
