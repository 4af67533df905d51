/* @@requires: kernel syscall */
/* @@line: 7 */
/*
 * A description that names no system call of this kernel matches no
 * probe: that is a compile error.
 */
syscall::no_such_syscall:entry
{
	exit(0);
}
