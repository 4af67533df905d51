/* @@line: 6 */
struct a {
	int x;
};

translator int < struct a *p > {
	x = 1;
};
