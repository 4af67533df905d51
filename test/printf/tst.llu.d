/* @@opts: -q */
BEGIN
{
	printf("%llu\n", 18446744073709551615ULL);
	exit(0);
}
