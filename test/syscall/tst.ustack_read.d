/* @@requires: kernel syscall */
/* @@opts: -q -w */
/*
 * The user stack of a read(2) made by the C library's read(), called from
 * main(): libc.so.6`read, then the trigger's main, named from the ELF
 * symbol tables of the mapped files (test/triggers/ustack_read.c).  The
 * offsets depend on the build and are taken out (tst.ustack_read.r.p).
 *
 * The trigger then waits in pause() so that its symbols can be read;
 * END prints, then kills it.
 */
BEGIN
{
	system("../../build/triggers/ustack_read &");
}

syscall::read:entry
/execname == "ustack_read" && arg2 == 7/
{
	@[ustack(2)] = count();
}

syscall::pause:entry
/execname == "ustack_read"/
{
	target = pid;
	exit(0);
}

END
{
	printa(@);
	system("kill %d", target);
}
