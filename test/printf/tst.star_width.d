/* @@opts: -q */
BEGIN
{
	printf("[%*d]\n", 6, 42);
	exit(0);
}
