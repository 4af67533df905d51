/* @@opts: -q */
BEGIN
{
	@n["x"] = count();
	@t["x"] = sum(10);
	@n["y"] = count();
	@n["y"] = count();
	@t["y"] = sum(20);
	printa("%s %@d %@d\n", @n, @t);
	exit(0);
}
