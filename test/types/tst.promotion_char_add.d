/* @@opts: -q */
BEGIN
{
	printf("%d\n", (char)100 + (char)100);
	exit(0);
}
