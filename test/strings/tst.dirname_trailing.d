/* @@opts: -q */
BEGIN
{
	printf("%s\n", dirname("/usr/lib/"));
	exit(0);
}
