/* @@opts: -q */
BEGIN
{
	printf("%llx\n", -1LL);
	exit(0);
}
