/* @@opts: -q */
BEGIN
{
	printf("%llx\n", 0xfedcba9876543210ULL);
	exit(0);
}
