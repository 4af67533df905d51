/* @@requires: kernel syscall */
/* @@opts: -q -w */
/*
 * A system call with six arguments shows all six at entry, arg5 included:
 * the trigger calls splice(-1, 0x11, -2, 0x22, 0x33, 0x44).
 */
BEGIN
{
	system("../../build/triggers/six_args");
}

syscall::splice:entry
/execname == "six_args"/
{
	printf("%d %x %d %x %x %x\n", (int)arg0, arg1, (int)arg2, arg3, arg4,
	    arg5);
}

syscall::exit_group:entry
/execname == "six_args"/
{
	exit(0);
}
