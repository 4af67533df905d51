/* @@opts: -q */
BEGIN
{
	printf("%s\n", strjoin("", "bar"));
	exit(0);
}
