/* @@opts: -q */
BEGIN
{
	s = speculation();
}

BEGIN
{
	speculate(s);
	printf("one\n");
}

BEGIN
{
	speculate(s);
	printf("two\n");
}

BEGIN
{
	commit(s);
}

BEGIN
{
	exit(0);
}
