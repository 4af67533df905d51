/* @@opts: -q */
BEGIN
{
	printf("%x\n", 0xff ^ 0x0f);
	exit(0);
}
