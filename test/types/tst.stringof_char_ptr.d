/* @@opts: -q */
BEGIN
{
	this->p = (char *)alloca(4);
	this->p[0] = 'a';
	this->p[1] = 'b';
	this->p[2] = 0;
	printf("%s\n", stringof(this->p));
	exit(0);
}
