/* @@opts: -q */
BEGIN
{
	s = "xy";
	printf("|%-4s|%4s|\n", s, s);
	exit(0);
}
