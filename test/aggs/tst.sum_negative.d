/* @@opts: -q */
BEGIN
{
	@ = sum(10);
	@ = sum(-25);
	exit(0);
}
