/* @@opts: -q */
BEGIN
{
	printf("%d\n", 4 != 4);
	exit(0);
}
