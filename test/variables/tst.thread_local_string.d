/* @@opts: -q */
BEGIN
{
	self->name = "thread";
	printf("%s\n", self->name);
	exit(0);
}
