/* @@opts: -q */
BEGIN
{
	printf("%ld\n", -5000000000L);
	exit(0);
}
