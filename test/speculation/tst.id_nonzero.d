/* @@opts: -q */
BEGIN
{
	s = speculation();
	printf("%d\n", s != 0);
	exit(0);
}
