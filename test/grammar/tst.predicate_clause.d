/* @@opts: -q */
BEGIN
/1/
{
	printf("p\n");
}

BEGIN
{
	exit(0);
}
