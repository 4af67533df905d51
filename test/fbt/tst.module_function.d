/* @@requires: kernel fbt */
/* @@opts: -q -w */
/*
 * A loaded module's functions are probes under the module's name: the
 * guest's root is an overlayfs (a module), so the trigger's two reads of
 * this script go through overlay's ovl_read_iter.
 */
BEGIN
{
	system("../../build/triggers/read_bytes tst.module_function.d 16 2");
}

syscall::read:entry
/execname == "read_bytes" && arg2 == 16/
{
	self->in = 1;
}

fbt:overlay:ovl_read_iter:entry
/self->in/
{
	printf("%s:%s:%s\n", probemod, probefunc, probename);
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
