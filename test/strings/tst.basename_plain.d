/* @@opts: -q */
BEGIN
{
	printf("%s\n", basename("file"));
	exit(0);
}
