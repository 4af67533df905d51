/* @@opts: -q */
BEGIN
{
	@ = sum(10);
	@ = sum(32);
	exit(0);
}
