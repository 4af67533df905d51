/* @@opts: -q */
BEGIN
{
	@c = count();
	exit(0);
}

END
{
	printa("count %@d\n", @c);
}
