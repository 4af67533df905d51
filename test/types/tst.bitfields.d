/* @@opts: -q */
struct flags {
	unsigned int a : 3;
	unsigned int b : 5;
	unsigned int c : 8;
};

BEGIN
{
	this->f = (struct flags *)alloca(sizeof (struct flags));
	this->f->a = 5;
	this->f->b = 17;
	this->f->c = 200;
	printf("%d %d %d %d\n", this->f->a, this->f->b, this->f->c, sizeof (struct flags));
	exit(0);
}
