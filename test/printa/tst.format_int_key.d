/* @@opts: -q */
BEGIN
{
	@c[10] = count();
	@c[20] = count();
	@c[20] = count();
	printa("%d=%@d\n", @c);
	exit(0);
}
