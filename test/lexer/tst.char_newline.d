/* @@opts: -q */
BEGIN
{
	printf("%d\n", '\n');
	exit(0);
}
