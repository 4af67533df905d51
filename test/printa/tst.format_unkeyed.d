/* @@opts: -q */
BEGIN
{
	@s = sum(42);
	printa("total %@d\n", @s);
	exit(0);
}
