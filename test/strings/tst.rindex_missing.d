/* @@opts: -q */
BEGIN
{
	printf("%d\n", rindex("hello", "x"));
	exit(0);
}
