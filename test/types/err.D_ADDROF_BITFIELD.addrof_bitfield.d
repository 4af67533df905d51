/* @@line: 9 */
struct f {
	int a : 3;
};

BEGIN
{
	this->p = (struct f *)alloca(4);
	x = &this->p->a;
}
