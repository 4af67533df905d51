/* @@opts: -q */
BEGIN
{
	@a = sum(1);
	@b = sum(2);
	exit(0);
}

END
{
	printa("a %@d\n", @a);
}
