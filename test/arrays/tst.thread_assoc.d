/* @@opts: -q */
BEGIN
{
	self->a[1] = 4;
	self->a[2] = 5;
	printf("%d\n", self->a[1] + self->a[2]);
	exit(0);
}
