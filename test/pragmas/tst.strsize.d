/* @@opts: -q */
#pragma D option strsize=4

BEGIN
{
	s = "abcdefgh";
	printf("%s\n", s);
	exit(0);
}
