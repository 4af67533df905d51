/* @@opts: -q */
BEGIN
{
	printf("%d\n", sizeof (long));
	exit(0);
}
