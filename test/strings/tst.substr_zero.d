/* @@opts: -q */
BEGIN
{
	printf("%s\n", substr("hello", 0, 2));
	exit(0);
}
