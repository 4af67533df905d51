/* @@opts: -q */
BEGIN
{
	printf("%d\n", (int)-1 > 1);
	exit(0);
}
