/* @@opts: -q */
self int depth;

BEGIN
{
	self->depth++;
	self->depth++;
	printf("%d\n", self->depth);
	exit(0);
}
