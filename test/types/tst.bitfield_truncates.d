/* @@opts: -q */
struct flags {
	unsigned int a : 3;
	unsigned int b : 5;
};

BEGIN
{
	this->f = (struct flags *)alloca(sizeof (struct flags));
	this->f->b = 0;
	this->f->a = 9;
	printf("%d %d\n", this->f->a, this->f->b);
	exit(0);
}
