/* @@line: 8 */
struct f {
	int a : 3;
};

BEGIN
{
	x = offsetof(struct f, a);
}
