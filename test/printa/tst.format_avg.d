/* @@opts: -q */
BEGIN
{
	@a = avg(3);
	@a = avg(5);
	printa("%@d\n", @a);
	exit(0);
}
