/* @@opts: -q */
BEGIN
{
	@["read", 2] = count();
	@["write", 1] = count();
	@["write", 1] = count();
	exit(0);
}
