/* @@opts: -q */
BEGIN
{
	printf("%u\n", 0xffffffffU % 10);
	exit(0);
}
