/* @@opts: -q */
BEGIN
{
	s = "abc";
	printf("%s\n", s);
	exit(0);
}
