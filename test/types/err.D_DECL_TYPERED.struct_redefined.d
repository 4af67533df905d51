/* @@line: 6 */
struct s {
	int a;
};

struct s {
	long b;
};
