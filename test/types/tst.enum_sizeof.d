/* @@opts: -q */
enum color {
	RED,
	GREEN = 5,
	BLUE
};

BEGIN
{
	printf("%d\n", sizeof (enum color));
	exit(0);
}
