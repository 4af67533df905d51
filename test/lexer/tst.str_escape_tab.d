/* @@opts: -q */
BEGIN
{
	printf("%s\n", "a\tb");
	exit(0);
}
