/* @@opts: -q */
BEGIN
{
	printf("%d\n", 10 - 4 - 3);
	exit(0);
}
