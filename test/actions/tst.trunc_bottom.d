/* @@opts: -q */
BEGIN
{
	@s["a"] = sum(1);
	@s["b"] = sum(5);
	@s["c"] = sum(3);
	trunc(@s, -1);
	exit(0);
}
