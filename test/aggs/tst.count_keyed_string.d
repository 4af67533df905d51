/* @@opts: -q */
BEGIN
{
	@["b"] = count();
	@["a"] = count();
	@["b"] = count();
	exit(0);
}
