/* @@opts: -q */
BEGIN
{
	printf("%d\n", strlen(""));
	exit(0);
}
