/* @@requires: kernel syscall */
/* @@opts: -q -w */
/*
 * The kernel stack of a system call starts in the kernel's system call
 * path, not in dtrace's own code (its firing path and the provider's
 * callback are left out), and goes out to the system call entry.  Every
 * getpid call of the trigger has the same stack: one key, counted 5
 * times.  The frames between differ from kernel to kernel: the check
 * (tst.stack_syscall.r.p) prints the outermost frame, the count, and
 * whether any frame was dtrace's.
 */
BEGIN
{
	system("../../build/triggers/getpid_loop 5");
}

syscall::getpid:entry
/execname == "getpid_loop"/
{
	@[stack()] = count();
}

syscall::exit_group:entry
/execname == "getpid_loop"/
{
	exit(0);
}
