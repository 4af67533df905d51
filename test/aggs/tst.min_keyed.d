/* @@opts: -q */
BEGIN
{
	@m["a"] = min(3);
	@m["a"] = min(9);
	@m["b"] = min(-4);
	exit(0);
}
