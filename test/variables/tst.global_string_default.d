/* @@opts: -q */
string s;

BEGIN
{
	printf("[%s] %d\n", s, strlen(s));
	exit(0);
}
