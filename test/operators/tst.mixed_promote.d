/* @@opts: -q */
BEGIN
{
	printf("%d\n", -1 < 1U);
	exit(0);
}
