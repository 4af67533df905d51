/* @@opts: -q */
BEGIN
{
	printf("%lld\n", (long long)(unsigned int)-5);
	exit(0);
}
