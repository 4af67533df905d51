/* @@opts: -q */
BEGIN
{
	printf("%x\n", ntohl(0xaabbccdd));
	exit(0);
}
