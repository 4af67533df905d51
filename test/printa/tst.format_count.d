/* @@opts: -q */
BEGIN
{
	@c["b"] = count();
	@c["a"] = count();
	@c["a"] = count();
	printa("%s %@d\n", @c);
	exit(0);
}
