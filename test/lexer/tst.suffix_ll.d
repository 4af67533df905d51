/* @@opts: -q */
BEGIN
{
	printf("%lld\n", -3LL);
	exit(0);
}
