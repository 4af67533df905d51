/* @@opts: -q */
struct rec {
	int vals[4];
	char name[8];
};

BEGIN
{
	this->r = (struct rec *)alloca(sizeof (struct rec));
	this->r->vals[2] = 9;
	this->r->name[0] = 'o';
	this->r->name[1] = 'k';
	this->r->name[2] = '\0';
	printf("%d %d %s\n", sizeof (struct rec), this->r->vals[2], stringof(this->r->name));
	exit(0);
}
