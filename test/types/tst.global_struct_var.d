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

struct point origin;

BEGIN
{
	printf("%d\n", sizeof (origin));
	exit(0);
}
