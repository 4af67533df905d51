/* @@opts: -q */
tick-1ms
/n < 4/
{
	@["ticks"] = count();
	n++;
}

tick-1ms
/n == 4/
{
	exit(0);
}
