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
	printf("%d\n", (int)((uintptr_t)&this->p->y - (uintptr_t)this->p));
	exit(0);
}
