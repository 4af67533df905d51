/* @@opts: -q */
BEGIN
{
	@s = sum(90);
	normalize(@s, 3);
	denormalize(@s);
	exit(0);
}
