/* @@opts: -q */
BEGIN
{
	printf("%d\n", sizeof (1L));
	exit(0);
}
