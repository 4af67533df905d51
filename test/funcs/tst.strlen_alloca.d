/* @@opts: -q */
BEGIN
{
	this->p = (char *)alloca(4);
	this->p[0] = 'h';
	this->p[1] = 'i';
	this->p[2] = '\0';
	printf("%s %d\n", stringof(this->p), strlen(stringof(this->p)));
	exit(0);
}
