/* @@opts: -q */
BEGIN
{
	printf("%X\n", 0xabc);
	exit(0);
}
