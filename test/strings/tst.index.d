/* @@opts: -q */
BEGIN
{
	printf("%d\n", index("hello", "l"));
	exit(0);
}
