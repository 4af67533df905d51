/* @@opts: -q */
BEGIN
{
	@ = min(7);
	@ = min(-3);
	@ = min(12);
	exit(0);
}
