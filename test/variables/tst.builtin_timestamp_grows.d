/* @@opts: -q */
BEGIN
{
	t = timestamp;
}

tick-1ms
{
	printf("%d\n", timestamp > t);
	exit(0);
}
