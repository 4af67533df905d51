/* @@opts: -q */
BEGIN
{
	printf("%hd\n", (short)-3);
	exit(0);
}
