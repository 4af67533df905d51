/* @@opts: -q */
typedef char *charp_t;

BEGIN
{
	printf("%d\n", sizeof (charp_t));
	exit(0);
}
