/* @@opts: -q */
BEGIN
{
	printf("%d\n", 100 / 10 / 5);
	exit(0);
}
