/* @@opts: -q */
BEGIN
{
	x = 10;
}

tick-1ms
/n++ == 0/
{
	x *= 2;
}

tick-1ms
/n == 2/
{
	exit(0);
}

END
{
	printf("%d\n", x);
}
