/* @@opts: -q */
BEGIN
{
	a[1] = 5;
	printf("%d\n", a[2]);
	exit(0);
}
