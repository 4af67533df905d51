/* @@opts: -q */
typedef struct raw {
	int v;
} raw_t;

struct cooked {
	int doubled;
};

translator struct cooked < raw_t *r > {
	doubled = r->v * 2;
};

BEGIN
{
	this->r = (raw_t *)alloca(sizeof (raw_t));
	this->r->v = 21;
	printf("%d\n", xlate <struct cooked> (this->r).doubled);
	exit(0);
}
