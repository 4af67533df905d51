/* @@opts: -q */
BEGIN
{
	printf("%s\n", "text");
	exit(0);
}
