/* @@opts: -q */
BEGIN
{
	@c["a"] = count();
	@c["a"] = count();
	clear(@c);
	exit(0);
}
