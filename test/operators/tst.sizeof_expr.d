/* @@opts: -q */
BEGIN
{
	printf("%d\n", sizeof (1 + 2LL));
	exit(0);
}
