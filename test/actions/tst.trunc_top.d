/* @@opts: -q */
BEGIN
{
	@s["a"] = sum(1);
	@s["b"] = sum(5);
	@s["c"] = sum(3);
	trunc(@s, 2);
	exit(0);
}
