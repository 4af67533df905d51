/* @@opts: -q */
BEGIN
{
	this->p = (int *)alloca(8);
	printf("%d %d\n", this->p + 1 > this->p, this->p == this->p);
	exit(0);
}
