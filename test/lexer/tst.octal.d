/* @@opts: -q */
BEGIN
{
	printf("%d\n", 0755);
	exit(0);
}
