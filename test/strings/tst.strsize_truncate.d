/* @@opts: -q */
#pragma D option strsize=8

BEGIN
{
	s = "abcdefghijklmnop";
	printf("%s\n", s);
	exit(0);
}
