/* @@opts: -q */
BEGIN
{
	printf("%s\n", lltostr(9223372036854775807LL));
	exit(0);
}
