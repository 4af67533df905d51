/* @@opts: -q */
BEGIN
{
	speculate(0);
	printf("dropped\n");
}

BEGIN
{
	printf("shown\n");
	exit(0);
}
