/* @@opts: -q */
BEGIN
{
	printf("%d\n", 1024 >> 3);
	exit(0);
}
