/* @@opts: -q */
BEGIN
{
	printf("%d\n", 'A');
	exit(0);
}
