/* @@opts: -q */
BEGIN
{
	@m["a"] = avg(10);
	@m["a"] = avg(20);
	@m["b"] = avg(100);
	exit(0);
}
