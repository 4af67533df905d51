/* @@opts: -q */
BEGIN
{
	@[3] = count();
	@[1] = count();
	@[1] = count();
	exit(0);
}
