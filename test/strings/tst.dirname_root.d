/* @@opts: -q */
BEGIN
{
	printf("%s\n", dirname("/"));
	exit(0);
}
