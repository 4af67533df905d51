/* @@opts: -q */
BEGIN
{
	x = 41;
}

BEGIN
{
	x++;
}

BEGIN
{
	printf("%d\n", x);
	exit(0);
}
