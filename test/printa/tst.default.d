/* @@opts: -q */
BEGIN
{
	@c["a"] = count();
	printa(@c);
	exit(0);
}
