/* @@opts: -q */
BEGIN
{
	printf("%d\n", (unsigned char)300);
	exit(0);
}
