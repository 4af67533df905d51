/* @@opts: -q */
BEGIN
{
	@s = sum(255);
	printa("%@x\n", @s);
	exit(0);
}
