/* @@opts: -q */
BEGIN
{
	printf("%u\n", (unsigned char)255);
	exit(0);
}
