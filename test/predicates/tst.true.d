/* @@opts: -q */
BEGIN
{
	printf("no predicate\n");
}

BEGIN
/1/
{
	printf("true\n");
	exit(0);
}
