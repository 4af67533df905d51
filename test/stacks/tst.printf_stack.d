/* @@opts: -q */
/* printf("%k", stack()) prints the stack where the conversion is. */
BEGIN
{
	printf("[%k]\n", stack(1));
	exit(0);
}
