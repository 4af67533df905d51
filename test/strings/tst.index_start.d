/* @@opts: -q */
BEGIN
{
	printf("%d\n", index("hello", "l", 3));
	exit(0);
}
