/* @@opts: -q */
BEGIN
{
	printf("%d%%\n", 50);
	exit(0);
}
