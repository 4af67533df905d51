/* @@opts: -q */
BEGIN
{
	k = "key";
	@[k] = count();
	exit(0);
}
