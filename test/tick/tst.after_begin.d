/* @@opts: -q */
BEGIN
{
	x = 1;
}

tick-1ms
{
	printf("%d\n", x);
	exit(0);
}
