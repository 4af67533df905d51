/* @@opts: -q */
BEGIN
{
	exit(0);
}

tick-1h
{
	@ = count();
}
