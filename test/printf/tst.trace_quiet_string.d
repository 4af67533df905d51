/* @@opts: -q */
BEGIN
{
	trace("hello");
	printf("\n");
	exit(0);
}
