/* @@opts: -q -C */
#define X 5 /* five */

BEGIN
{
	printf("%d\n", X); // trailing
	exit(0);
}
