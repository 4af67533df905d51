/* @@opts: -q -x strsize=5 */
BEGIN
{
	s = "0123456789";
	printf("%s\n", s);
	exit(0);
}
