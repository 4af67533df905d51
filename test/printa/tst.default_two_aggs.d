/* @@opts: -q */
BEGIN
{
	@n["x"] = count();
	@t["x"] = sum(10);
	printa(@n, @t);
	exit(0);
}
