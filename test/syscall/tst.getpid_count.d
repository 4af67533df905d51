/* @@requires: kernel syscall */
/* @@opts: -q -w */
/*
 * syscall::getpid:entry fires once per getpid call: the trigger makes
 * exactly 1000 (test/triggers/getpid_loop.c).  system() runs it from the
 * consumer; its exit_group ends the test.
 */
BEGIN
{
	system("../../build/triggers/getpid_loop 1000");
}

syscall::getpid:entry
/execname == "getpid_loop"/
{
	@calls = count();
}

syscall::exit_group:entry
/execname == "getpid_loop"/
{
	exit(0);
}
