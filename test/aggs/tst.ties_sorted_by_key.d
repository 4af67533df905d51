/* @@opts: -q */
BEGIN
{
	@["c"] = count();
	@["a"] = count();
	@["b"] = count();
	exit(0);
}
