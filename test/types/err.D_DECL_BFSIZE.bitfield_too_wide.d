/* @@line: 3 */
struct s {
	int a : 40;
};
