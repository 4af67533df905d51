/* @@opts: -q */
BEGIN
{
	x = 0;
	0 && (x = 1);
	printf("%d\n", x);
	exit(0);
}
