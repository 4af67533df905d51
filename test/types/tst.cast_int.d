/* @@opts: -q */
BEGIN
{
	printf("%d\n", (int)0x100000005LL);
	exit(0);
}
