/* @@opts: -q */
BEGIN
{
	this->p = (int *)alloca(4 * sizeof (int));
	this->p[0] = 10;
	this->p[3] = 40;
	printf("%d %d\n", this->p[0], *(this->p + 3));
	exit(0);
}
