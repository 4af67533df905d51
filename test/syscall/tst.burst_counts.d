/* @@requires: kernel syscall */
/* @@opts: -q -w */
/*
 * Each system call fires its own entry probe: 100 rounds of getppid,
 * getuid, lseek(-1, ...) and close(-1) give 100 of each
 * (test/triggers/syscall_burst.c).  The C runtime closes descriptors of
 * its own, which arg0 == -1 leaves out.
 */
BEGIN
{
	system("../../build/triggers/syscall_burst 100");
}

syscall::getppid:entry,
syscall::getuid:entry
/execname == "syscall_burst"/
{
	@[probefunc] = count();
}

syscall::lseek:entry,
syscall::close:entry
/execname == "syscall_burst" && (int)arg0 == -1/
{
	@[probefunc] = count();
}

syscall::exit_group:entry
/execname == "syscall_burst"/
{
	exit(0);
}
