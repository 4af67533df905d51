/* @@opts: -q */
BEGIN
{
	x = 1;
	this->x = 2;
	self->x = 3;
	printf("%d %d %d\n", x, this->x, self->x);
	exit(0);
}
