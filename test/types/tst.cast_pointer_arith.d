/* @@opts: -q */
BEGIN
{
	printf("%d\n", (int)((int *)0 + 3));
	exit(0);
}
