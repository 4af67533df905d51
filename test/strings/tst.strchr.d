/* @@opts: -q */
BEGIN
{
	printf("%s\n", strchr("hello", 'l'));
	exit(0);
}
