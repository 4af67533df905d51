/* @@opts: -q */
BEGIN
{
	printf("a");
	trace(1);
	printf("b");
	trace("c");
	printf("\n");
	exit(0);
}
