/* @@opts: -q */
BEGIN
{
	printf("%lld\n", 4294967296);
	exit(0);
}
