/* @@opts: -q */
BEGIN
{
	self->s = toupper("self");
	printf("%s\n", self->s);
	exit(0);
}
