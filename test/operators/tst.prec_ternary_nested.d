/* @@opts: -q */
BEGIN
{
	printf("%d\n", 0 ? 2 : 0 ? 4 : 5);
	exit(0);
}
