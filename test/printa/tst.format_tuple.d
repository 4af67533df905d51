/* @@opts: -q */
BEGIN
{
	@c["a", 1] = sum(3);
	@c["b", 2] = sum(1);
	printa("%s/%d %@d\n", @c);
	exit(0);
}
