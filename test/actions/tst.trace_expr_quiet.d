/* @@opts: -q */
BEGIN
{
	trace(2 + 3);
	trace("|");
	trace(6 * 7);
	printf("\n");
	exit(0);
}
