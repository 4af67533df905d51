/* @@opts: -q */
BEGIN
{
	printf("%s\n", basename("/usr/lib/"));
	exit(0);
}
