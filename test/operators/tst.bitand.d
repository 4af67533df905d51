/* @@opts: -q */
BEGIN
{
	printf("%x\n", 0xf0 & 0x3c);
	exit(0);
}
