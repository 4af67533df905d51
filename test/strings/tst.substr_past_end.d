/* @@opts: -q */
BEGIN
{
	printf("%s\n", substr("hello", 10));
	exit(0);
}
