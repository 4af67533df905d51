/* @@opts: -q */
BEGIN
{
	this->v = 99;
}

BEGIN
{
	printf("%d\n", this->v);
	exit(0);
}
