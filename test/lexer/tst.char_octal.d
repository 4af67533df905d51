/* @@opts: -q */
BEGIN
{
	printf("%d\n", '\101');
	exit(0);
}
