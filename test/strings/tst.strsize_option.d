/* @@opts: -q -x strsize=6 */
BEGIN
{
	s = "1234567890";
	printf("%s\n", s);
	exit(0);
}
