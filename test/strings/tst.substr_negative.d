/* @@opts: -q */
BEGIN
{
	printf("%s\n", substr("hello", -2));
	exit(0);
}
