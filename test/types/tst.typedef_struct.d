/* @@opts: -q */
typedef struct pair {
	int a;
	int b;
} pair_t;

BEGIN
{
	this->p = (pair_t *)alloca(sizeof (pair_t));
	this->p->b = 8;
	printf("%d %d\n", sizeof (pair_t), this->p->b);
	exit(0);
}
