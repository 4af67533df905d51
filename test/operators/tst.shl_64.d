/* @@opts: -q */
BEGIN
{
	printf("%lld\n", 1LL << 40);
	exit(0);
}
