/* @@opts: -q */
BEGIN
{
	printf("%d\n", 2 - 7);
	exit(0);
}
