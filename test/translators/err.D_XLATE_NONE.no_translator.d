/* @@line: 13 */
struct a {
	int x;
};

struct b {
	int y;
};

BEGIN
{
	this->p = (struct a *)alloca(4);
	trace(xlate <struct b> (this->p).y);
}
