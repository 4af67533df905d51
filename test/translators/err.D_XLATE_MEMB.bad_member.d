/* @@line: 11 */
struct a {
	int x;
};

struct b {
	int y;
};

translator struct b < struct a *p > {
	z = p->x;
};
