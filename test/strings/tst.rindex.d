/* @@opts: -q */
BEGIN
{
	printf("%d\n", rindex("hello", "l"));
	exit(0);
}
