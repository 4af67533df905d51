/* @@opts: -q */
BEGIN
{
	printf("%d\n", -1 < 1);
	exit(0);
}
