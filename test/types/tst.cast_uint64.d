/* @@opts: -q */
BEGIN
{
	printf("%llu\n", (uint64_t)-2);
	exit(0);
}
