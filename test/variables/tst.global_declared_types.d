/* @@opts: -q */
int i;
char c;
short s;
long l;
uint64_t u;
string str;

BEGIN
{
	i = -1;
	c = 'z';
	s = 300;
	l = 1LL << 40;
	u = 0xffffffffffffffffULL;
	str = "declared";
	printf("%d %c %d %ld %llu %s\n", i, c, s, l, u, str);
	exit(0);
}
