/* @@opts: -q */
BEGIN
{
	printf("%s\n", dirname("/usr"));
	exit(0);
}
