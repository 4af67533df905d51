/* @@requires: kernel syscall */
/* @@opts: -q -w */
/* Every getpid call fires its entry and its return probe once each. */
BEGIN
{
	system("../../build/triggers/getpid_loop 500");
}

syscall::getpid:entry,
syscall::getpid:return
/execname == "getpid_loop"/
{
	@[probename] = count();
}

syscall::exit_group:entry
/execname == "getpid_loop"/
{
	exit(0);
}
