/* @@opts: -q */
BEGIN
{
	self->spec = speculation();
}

BEGIN
{
	speculate(self->spec);
	printf("%s\n", "committed");
}

BEGIN
{
	commit(self->spec);
	self->spec = 0;
}

BEGIN
{
	exit(0);
}
