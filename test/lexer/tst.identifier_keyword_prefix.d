/* @@opts: -q */
BEGIN
{
	ifx = 1;
	inty = 2;
	printf("%d\n", ifx + inty);
	exit(0);
}
