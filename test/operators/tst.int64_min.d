/* @@opts: -q */
BEGIN
{
	printf("%lld\n", -9223372036854775807LL - 1);
	exit(0);
}
