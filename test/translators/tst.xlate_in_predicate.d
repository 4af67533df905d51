/* @@opts: -q */
struct src {
	int a;
	int b;
};

struct dst {
	int sum;
	int diff;
};

translator struct dst < struct src *s > {
	sum = s->a + s->b;
	diff = s->a - s->b;
};

BEGIN
{
	this->s = (struct src *)alloca(sizeof (struct src));
	this->s->a = 5;
	this->s->b = 3;
}

BEGIN
/xlate <struct dst> (this->s).diff == 2/
{
	printf("two\n");
	exit(0);
}
