/* @@opts: -q */
BEGIN
{
	printf("%d\n", sizeof (int64_t));
	exit(0);
}
