/* @@opts: -q */
BEGIN
{
	printf("%lld\n", 123456789LL * 1000);
	exit(0);
}
