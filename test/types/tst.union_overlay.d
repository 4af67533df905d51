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
	this->u = (union num *)alloca(sizeof (union num));
	this->u->l = 0;
	this->u->i = 0x41424344;
	printf("%x %c\n", this->u->i, this->u->c);
	exit(0);
}
