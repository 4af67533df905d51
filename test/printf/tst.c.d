/* @@opts: -q */
BEGIN
{
	printf("%c%c%c\n", 'D', 'T', 'r');
	exit(0);
}
