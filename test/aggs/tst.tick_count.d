/* @@opts: -q */
tick-1ms
/n++ < 10/
{
	@ticks = count();
}

tick-1ms
/n == 12/
{
	exit(0);
}
