/* @@opts: -q */
BEGIN
{
	printf("%s\n", lltostr(0));
	exit(0);
}
