/* @@opts: -q */
BEGIN
{
	printf("[%-10s]\n", "abc");
	exit(0);
}
