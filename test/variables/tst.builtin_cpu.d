/* @@opts: -q */
BEGIN
{
	printf("%d\n", cpu >= 0);
	exit(0);
}
