/* @@opts: -q */
BEGIN
{
	printf("%d\n", 6 & 3 == 3);
	exit(0);
}
