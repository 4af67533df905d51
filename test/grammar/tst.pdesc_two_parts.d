/* @@opts: -q */
:BEGIN
{
	printf("%s\n", probename);
}

BEGIN
{
	exit(0);
}
