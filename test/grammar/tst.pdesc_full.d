/* @@opts: -q */
dtrace:::BEGIN
{
	printf("%s\n", probename);
}

BEGIN
{
	exit(0);
}
