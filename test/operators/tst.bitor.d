/* @@opts: -q */
BEGIN
{
	printf("%x\n", 0xf0 | 0x0f);
	exit(0);
}
