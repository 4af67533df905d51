/* @@opts: -q */
BEGIN
{
	printf("a\tb\n");
	exit(0);
}
