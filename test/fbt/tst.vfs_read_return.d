/* @@requires: kernel fbt */
/* @@opts: -q -w */
/*
 * A return probe's arg1 is the function's return value: vfs_read returns
 * the bytes it read, 3000 for each of the trigger's two reads of
 * /dev/zero.
 */
BEGIN
{
	system("../../build/triggers/read_bytes /dev/zero 3000 2");
}

syscall::read:entry
/execname == "read_bytes" && arg2 == 3000/
{
	self->in = 1;
}

fbt:vmlinux:vfs_read:return
/self->in/
{
	printf("vfs_read returned %d\n", arg1);
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
