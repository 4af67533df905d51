/* @@opts: -q */
BEGIN
{
	printf("%s\n", "\x43\x44");
	exit(0);
}
