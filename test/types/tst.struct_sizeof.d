/* @@opts: -q */
struct point {
	int x;
	int y;
};

struct mixed {
	char c;
	int i;
	char d;
	long l;
};

union num {
	char c;
	int i;
	long l;
};

BEGIN
{
	printf("%d %d %d\n", sizeof (struct point), sizeof (struct mixed), sizeof (union num));
	exit(0);
}
