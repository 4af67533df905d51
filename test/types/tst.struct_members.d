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
	this->p->x = 3;
	this->p->y = 4;
	printf("%d %d\n", this->p->x, this->p->y);
	exit(0);
}
