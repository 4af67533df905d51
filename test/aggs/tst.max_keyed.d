/* @@opts: -q */
BEGIN
{
	@m["a"] = max(3);
	@m["a"] = max(9);
	@m["b"] = max(4);
	exit(0);
}
