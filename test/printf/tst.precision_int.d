/* @@opts: -q */
BEGIN
{
	printf("[%.4d]\n", 7);
	exit(0);
}
