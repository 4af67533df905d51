/* @@opts: -q */
BEGIN
{
	x = 0;
	1 || (x = 1);
	printf("%d\n", x);
	exit(0);
}
