/* @@opts: -q */
BEGIN
{
	printf("%d\n", (int)2147483648LL);
	exit(0);
}
