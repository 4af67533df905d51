/* @@opts: -q */
BEGIN
{
	printf("%s\n", lltostr(-42));
	exit(0);
}
