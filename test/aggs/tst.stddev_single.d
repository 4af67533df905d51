/* @@opts: -q */
BEGIN
{
	@ = stddev(100);
	exit(0);
}
