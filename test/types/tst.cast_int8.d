/* @@opts: -q */
BEGIN
{
	printf("%d\n", (int8_t)0x80);
	exit(0);
}
