/* @@opts: -q */
BEGIN
{
	printf("%d\n", 1 | 6 ^ 3 & 5);
	exit(0);
}
