/* @@opts: -q */
BEGIN
{
	printf("%llu\n", 0xffffffffffffffffULL >> 60);
	exit(0);
}
