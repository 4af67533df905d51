/* @@opts: -q -C */
#define SQUARE(x) ((x) * (x))

BEGIN
{
	printf("%d\n", SQUARE(7));
	exit(0);
}
