/* @@opts: -q */
BEGIN
{
	x = 1;
	x ? (y = 2) : (y = 3);
	printf("%d\n", y);
	exit(0);
}
