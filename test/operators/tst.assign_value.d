/* @@opts: -q */
BEGIN
{
	printf("%d\n", (x = 4) + 1);
	printf("%d\n", y = z = 9);
	printf("%d %d\n", y, z);
	exit(0);
}
