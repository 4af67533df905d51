/* @@opts: -q */
BEGIN
{
	this->p = (int *)alloca(4);
}

BEGIN
/this->p != NULL/
{
	printf("allocated\n");
	exit(0);
}
