/* @@opts: -q */
BEGIN
{
	printf("%s\n", strrchr("hello", 'l'));
	exit(0);
}
