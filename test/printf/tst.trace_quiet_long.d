/* @@opts: -q */
BEGIN
{
	trace(12345678901LL);
	printf("\n");
	exit(0);
}
