/* @@opts: -q */
BEGIN
{
	printf("%d\n", sizeof (int));
	exit(0);
}
