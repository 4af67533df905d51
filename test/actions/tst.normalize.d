/* @@opts: -q */
BEGIN
{
	@s["a"] = sum(100);
	@s["b"] = sum(250);
	normalize(@s, 10);
	exit(0);
}
