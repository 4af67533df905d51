/* @@opts: -q */
BEGIN
{
	printf("%d\n", NULL == 0);
	exit(0);
}
