/* @@opts: -q */
BEGIN
{
	printf("%u\n", 4000000000u);
	exit(0);
}
