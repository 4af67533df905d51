/* @@requires: kernel syscall */
/* @@opts: -q -w */
/*
 * openat:entry sees the path in arg1 (a user address: copyinstr reads
 * it); openat:return of a path that does not exist sets errno to ENOENT
 * (2).  The trigger makes one getppid call just before its openat, which
 * sets self->marked, so the C runtime's own opens are not printed.
 */
BEGIN
{
	system("../../build/triggers/openat_path /nonexistent/dtrace-test");
}

syscall::getppid:entry
/execname == "openat_path"/
{
	self->marked = 1;
}

syscall::openat:entry
/self->marked/
{
	printf("entry %s\n", copyinstr(arg1));
}

syscall::openat:return
/self->marked/
{
	printf("return errno %d\n", errno);
	self->marked = 0;
}

syscall::exit_group:entry
/execname == "openat_path"/
{
	exit(0);
}
