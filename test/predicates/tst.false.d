/* @@opts: -q */
BEGIN
/0/
{
	printf("false\n");
}

BEGIN
{
	exit(0);
}
