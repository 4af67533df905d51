/* @@opts: -q */
BEGIN
{
	printf("%d\n", 1 ? 2 : 3 ? 4 : 5);
	exit(0);
}
