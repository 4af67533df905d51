/* @@opts: -q */
BEGIN
{
	printf("%d\n", 1234);
	exit(0);
}
