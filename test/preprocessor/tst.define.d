/* @@opts: -q -C */
#define ANSWER 42

BEGIN
{
	printf("%d\n", ANSWER);
	exit(0);
}
