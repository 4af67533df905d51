/* @@opts: -q */
/* BEGIN has a stack: the module, and the system call or main() below. */
BEGIN
{
	printf("%d\n", stackdepth > 1);
	printf("%d\n", caller != 0);
	exit(0);
}
