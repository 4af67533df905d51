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
	printf("%d %d %d %d\n", offsetof(struct mixed, c), offsetof(struct mixed, i), offsetof(struct mixed, d), offsetof(struct mixed, l));
	exit(0);
}
