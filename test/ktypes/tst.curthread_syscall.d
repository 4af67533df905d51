/* @@requires: kernel syscall */
/* @@opts: -q -w */
/* curthread in a system call of another process: the trigger's. */
BEGIN
{
	system("../../build/triggers/getpid_loop 10");
}

syscall::getpid:entry
/execname == "getpid_loop" && curthread->tgid == pid/
{
	@calls[stringof(curthread->comm)] = count();
}

syscall::exit_group:entry
/execname == "getpid_loop"/
{
	exit(0);
}
