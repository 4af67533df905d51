/* @@opts: -q */
BEGIN
{
	printf("%d\n", 3 && 4);
	exit(0);
}
