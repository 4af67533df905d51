/* @@opts: -q */
BEGIN
{
	@["a", "b", 7] = sum(5);
	exit(0);
}
