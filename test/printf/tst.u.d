/* @@opts: -q */
BEGIN
{
	printf("%u\n", 3000000000U);
	exit(0);
}
