/* @@opts: -q */
inline int A = 3;
inline int B = A * A + 1;

BEGIN
{
	printf("%d\n", B);
	exit(0);
}
