/* @@opts: -q */
BEGIN
{
	printf("%s\n", strstr("hello", "he"));
	exit(0);
}
