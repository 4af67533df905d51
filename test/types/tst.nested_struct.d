/* @@opts: -q */
struct inner {
	int a;
	int b;
};

struct outer {
	long tag;
	struct inner in;
};

BEGIN
{
	this->o = (struct outer *)alloca(sizeof (struct outer));
	this->o->in.b = 42;
	printf("%d %d %d\n", sizeof (struct outer), offsetof(struct outer, in), this->o->in.b);
	exit(0);
}
