/* @@opts: -q */
BEGIN
{
	x = 5;
}

BEGIN
/x > 1 && x < 10 || x == 100/
{
	printf("in range\n");
	exit(0);
}
