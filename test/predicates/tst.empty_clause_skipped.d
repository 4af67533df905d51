/* @@opts: -q */
BEGIN
/0/
{
}

BEGIN
{
	printf("ok\n");
	exit(0);
}
