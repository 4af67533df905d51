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
	this->p = (struct point *)alloca(sizeof (struct point));
	this->p->x = 7;
	printf("%d\n", (*this->p).x);
	exit(0);
}
