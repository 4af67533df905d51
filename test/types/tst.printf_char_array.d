/* @@opts: -q */
/* printf's %s prints a char array as the string it holds. */
struct named {
	char name[8];
};

BEGIN
{
	this->n = (struct named *)alloca(sizeof(struct named));
	this->n->name[0] = 'a';
	this->n->name[1] = 'b';
	this->n->name[2] = '\0';
	printf("%s|%4s|%-4s|\n", this->n->name, this->n->name, this->n->name);
	exit(0);
}
