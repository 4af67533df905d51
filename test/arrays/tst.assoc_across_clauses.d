/* @@opts: -q */
BEGIN
{
	a["v"] = 11;
}

tick-1ms
{
	printf("%d\n", a["v"]);
	exit(0);
}
