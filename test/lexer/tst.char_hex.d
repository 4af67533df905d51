/* @@opts: -q */
BEGIN
{
	printf("%d\n", '\x41');
	exit(0);
}
