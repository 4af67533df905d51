/* @@opts: -q */
BEGIN
{
	printf("%d\n", 0 || 9);
	exit(0);
}
