/* @@opts: -q */
BEGIN
{
	printf("%d\n", sizeof (void *));
	exit(0);
}
