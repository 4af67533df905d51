/* @@opts: -q */
BEGIN
{
	printf("%llu\n", -(unsigned long long)1);
	exit(0);
}
