/* @@opts: -q */
BEGIN
{
	@[5000000000LL] = sum(2);
	@[1LL] = sum(1);
	exit(0);
}
