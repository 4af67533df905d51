/* @@opts: -q */
BEGIN
{
	printf("%d\n", pid > 0);
	exit(0);
}
