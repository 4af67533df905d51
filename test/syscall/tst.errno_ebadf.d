/* @@requires: kernel syscall */
/* @@opts: -q -w */
/*
 * errno at a return probe is the call's error: lseek and close on
 * descriptor -1 fail with EBADF (9), 100 times each.
 */
BEGIN
{
	system("../../build/triggers/syscall_burst 100");
}

syscall::lseek:return
/execname == "syscall_burst"/
{
	@[errno] = count();
}

syscall::exit_group:entry
/execname == "syscall_burst"/
{
	exit(0);
}
