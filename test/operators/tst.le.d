/* @@opts: -q */
BEGIN
{
	printf("%d\n", 2 <= 2);
	exit(0);
}
