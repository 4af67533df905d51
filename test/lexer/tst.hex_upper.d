/* @@opts: -q */
BEGIN
{
	printf("%d\n", 0XAB);
	exit(0);
}
