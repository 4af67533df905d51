/* @@opts: -q -C */
#define A 1

BEGIN
{
	printf("%d\n", A);
	exit(0);
}
