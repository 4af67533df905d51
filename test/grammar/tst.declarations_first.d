/* @@opts: -q */
int x;
string s;

BEGIN
{
	x = 1;
	s = "s";
	printf("%d%s\n", x, s);
	exit(0);
}
