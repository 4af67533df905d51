/* @@opts: -q */
BEGIN
{
	@s = sum(90);
	normalize(@s, 3);
	printa("%@d\n", @s);
	exit(0);
}
