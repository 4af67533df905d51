/* @@opts: -q */
BEGIN
{
	printf("%d\n", sizeof (size_t));
	exit(0);
}
