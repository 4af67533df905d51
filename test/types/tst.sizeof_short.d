/* @@opts: -q */
BEGIN
{
	printf("%d\n", sizeof (short));
	exit(0);
}
