/* @@opts: -q */
BEGIN
{
	printf("[%.2s]\n", "abc");
	exit(0);
}
