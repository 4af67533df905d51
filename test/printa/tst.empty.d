/* @@opts: -q */
tick-1h
{
	@never = count();
}

BEGIN
{
	printa("%@d\n", @never);
	exit(0);
}
