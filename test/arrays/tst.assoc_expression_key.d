/* @@opts: -q */
BEGIN
{
	a[2 * 3] = 1;
	printf("%d\n", a[6]);
	exit(0);
}
