/* @@opts: -q */
BEGIN
{
	printf("%s\n", strjoin("a", "b"));
	exit(0);
}
