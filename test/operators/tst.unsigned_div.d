/* @@opts: -q */
BEGIN
{
	printf("%u\n", (unsigned int)-8 / 2);
	exit(0);
}
