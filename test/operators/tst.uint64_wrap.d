/* @@opts: -q */
BEGIN
{
	printf("%llu\n", 0xffffffffffffffffULL + 2);
	exit(0);
}
