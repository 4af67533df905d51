/* @@opts: -q */
BEGIN
{
	s = "hello, world";
	printf("%d\n", strlen(s));
	exit(0);
}
