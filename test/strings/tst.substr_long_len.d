/* @@opts: -q */
BEGIN
{
	printf("%s\n", substr("hello", 3, 100));
	exit(0);
}
