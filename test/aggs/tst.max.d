/* @@opts: -q */
BEGIN
{
	@ = max(7);
	@ = max(-3);
	@ = max(12);
	exit(0);
}
