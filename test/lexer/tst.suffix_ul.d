/* @@opts: -q */
BEGIN
{
	printf("%lu\n", 18446744073709551615UL);
	exit(0);
}
