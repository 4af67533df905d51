/* @@opts: -q */
inline char C = 321;

BEGIN
{
	printf("%d\n", C);
	exit(0);
}
