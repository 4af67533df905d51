/* @@opts: -q */
BEGIN
{
	printf("%s\n", dirname("file"));
	exit(0);
}
