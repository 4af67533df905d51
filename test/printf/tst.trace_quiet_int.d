/* @@opts: -q */
BEGIN
{
	trace(42);
	trace(-1);
	printf("\n");
	exit(0);
}
