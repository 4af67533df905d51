/* @@requires: kernel syscall */
/* @@opts: -q -w */
/*
 * A successful openat returns a descriptor (arg0 and arg1, not negative)
 * with errno 0.  The trigger's getppid marks its own openat (see
 * tst.openat_enoent.d).
 */
BEGIN
{
	system("../../build/triggers/openat_path /dev/null");
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
	printf("return errno %d, %s\n", errno,
	    (int)arg0 >= 0 && arg1 == arg0 ? "a descriptor" : "no descriptor");
	self->marked = 0;
}

syscall::exit_group:entry
/execname == "openat_path"/
{
	exit(0);
}
