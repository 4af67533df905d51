/* @@requires: kernel syscall */
/* @@opts: -q -w */
/*
 * Entry arguments arrive in order: the trigger calls lseek(-1, i,
 * SEEK_SET) for i = 0 .. 99, so arg0 is -1, arg2 is 0 (SEEK_SET) and the
 * offsets in arg1 add up to 4950.
 */
BEGIN
{
	system("../../build/triggers/syscall_burst 100");
}

syscall::lseek:entry
/execname == "syscall_burst" && (int)arg0 == -1 && arg2 == 0/
{
	@offsets = sum(arg1);
}

syscall::exit_group:entry
/execname == "syscall_burst"/
{
	exit(0);
}
