/* @@opts: -q */
BEGIN
{
	printf("%d\n", index("hello", "z"));
	exit(0);
}
