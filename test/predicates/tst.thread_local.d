/* @@opts: -q */
BEGIN
{
	self->go = 1;
}

BEGIN
/self->go/
{
	printf("go\n");
	self->go = 0;
}

BEGIN
/self->go/
{
	printf("not again\n");
}

BEGIN
{
	exit(0);
}
