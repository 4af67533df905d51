/* @@opts: -q */
BEGIN
{
	@c["a"] = count();
	@c["b"] = count();
	trunc(@c);
	exit(0);
}
