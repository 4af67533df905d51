/* @@line: 23 */
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
	this->p = (struct point *)alloca(8);
	this->p->z = 1;
}
