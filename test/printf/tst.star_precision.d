/* @@opts: -q */
BEGIN
{
	printf("[%.*s]\n", 3, "abcdef");
	exit(0);
}
