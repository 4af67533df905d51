/* @@opts: -q */
BEGIN
{
	printf("%d\n", sizeof (1));
	exit(0);
}
