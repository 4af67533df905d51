/* @@opts: -q */
BEGIN
{
	printf("%d\n", self->never);
	exit(0);
}
