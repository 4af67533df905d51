/* @@opts: -q */
BEGIN
{
	printf("%s\n", substr("hello", 1));
	exit(0);
}
