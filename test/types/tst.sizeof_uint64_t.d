/* @@opts: -q */
BEGIN
{
	printf("%d\n", sizeof (uint64_t));
	exit(0);
}
