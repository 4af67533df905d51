/* @@opts: -q */
BEGIN
{
	s = speculation();
	printf("before\n");
}

BEGIN
{
	speculate(s);
	printf("speculative\n");
}

BEGIN
{
	printf("middle\n");
}

BEGIN
{
	commit(s);
}

BEGIN
{
	printf("after\n");
	exit(0);
}
