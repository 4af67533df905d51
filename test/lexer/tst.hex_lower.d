/* @@opts: -q */
BEGIN
{
	printf("%d\n", 0xff);
	exit(0);
}
