/* @@opts: -q */
BEGIN
{
	printf("%u\n", (unsigned int)-1);
	exit(0);
}
