/* @@opts: -q */
BEGIN
{
	x = 6;
	@ = sum(x * 7);
	exit(0);
}
