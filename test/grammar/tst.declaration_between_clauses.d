/* @@opts: -q */
BEGIN
{
	x = 1;
}

int y;

BEGIN
{
	y = x + 1;
	printf("%d\n", y);
	exit(0);
}
