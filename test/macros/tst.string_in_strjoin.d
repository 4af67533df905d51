/* @@opts: -q */
/* @@args: a b */
BEGIN
{
	printf("%s\n", strjoin($$1, $$2));
	exit(0);
}
