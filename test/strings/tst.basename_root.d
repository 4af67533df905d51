/* @@opts: -q */
BEGIN
{
	printf("%s\n", basename("/"));
	exit(0);
}
