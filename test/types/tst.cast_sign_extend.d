/* @@opts: -q */
BEGIN
{
	printf("%lld\n", (long long)(int)-5);
	exit(0);
}
