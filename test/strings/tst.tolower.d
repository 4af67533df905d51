/* @@opts: -q */
BEGIN
{
	printf("%s\n", tolower("Hello, World 1"));
	exit(0);
}
