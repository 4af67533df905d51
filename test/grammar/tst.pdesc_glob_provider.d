/* @@opts: -q */
dt*:::BEGIN
{
	printf("%s\n", probename);
}

BEGIN
{
	exit(0);
}
