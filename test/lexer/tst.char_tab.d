/* @@opts: -q */
BEGIN
{
	printf("%d\n", '\t');
	exit(0);
}
