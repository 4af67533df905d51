/* @@opts: -q */
BEGIN
{
	printf("%u\n", (unsigned char)255 + 1);
	exit(0);
}
