/* @@opts: -q */
BEGIN
{
	@c["a"] = count();
	exit(0);
}

END
{
	printa("%s %@d\n", @c);
	clear(@c);
}
