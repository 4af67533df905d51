/* @@line: 3 */
struct s {
	char *p : 3;
};
