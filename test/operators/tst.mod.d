/* @@opts: -q */
BEGIN
{
	printf("%d\n", 17 % 5);
	exit(0);
}
