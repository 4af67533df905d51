/* @@line: 18 */
struct a {
	int x;
};

struct b {
	int y;
	int z;
};

translator struct b < struct a *p > {
	y = p->x;
};

BEGIN
{
	this->p = (struct a *)alloca(4);
	trace(xlate <struct b> (this->p).z);
}
