/* @@requires: kernel syscall */
/* @@opts: -q -w */
/*
 * A syscall probe is named as Oracle's Linux port names it:
 * syscall:vmlinux:NAME:entry, NAME being the kernel's own.
 */
BEGIN
{
	system("../../build/triggers/getpid_loop 1");
}

syscall::getpid:entry
/execname == "getpid_loop"/
{
	printf("%s:%s:%s:%s\n", probeprov, probemod, probefunc, probename);
	exit(0);
}
