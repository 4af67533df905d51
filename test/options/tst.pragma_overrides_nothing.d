/* @@opts: -q */
#pragma D option strsize=8

BEGIN
{
	s = "0123456789abcdef";
	printf("%s\n", s);
	exit(0);
}
