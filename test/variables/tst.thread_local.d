/* @@opts: -q */
BEGIN
{
	self->x = 12;
}

BEGIN
{
	printf("%d\n", self->x);
	self->x = 0;
	exit(0);
}
