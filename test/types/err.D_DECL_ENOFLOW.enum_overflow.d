/* @@line: 4 */
enum e {
	BIG = 2147483647,
	TOOBIG
};
