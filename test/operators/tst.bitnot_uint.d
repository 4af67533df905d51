/* @@opts: -q */
BEGIN
{
	printf("%u\n", ~0U);
	exit(0);
}
