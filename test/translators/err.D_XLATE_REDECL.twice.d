/* @@line: 14 */
struct a {
	int x;
};

struct b {
	int y;
};

translator struct b < struct a *p > {
	y = p->x;
};

translator struct b < struct a *p > {
	y = p->x;
};
