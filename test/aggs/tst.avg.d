/* @@opts: -q */
BEGIN
{
	@ = avg(1);
	@ = avg(2);
	@ = avg(6);
	exit(0);
}
