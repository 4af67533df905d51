/* @@opts: -q */
BEGIN
{
	printf("%d\n", epid > 0);
	exit(0);
}
