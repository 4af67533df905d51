/* @@line: 7 */
enum a {
	ONE
};

enum b {
	ONE
};
