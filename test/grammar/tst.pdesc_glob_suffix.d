/* @@opts: -q */
dtrace:::*N
{
	printf("%s\n", probename);
}

BEGIN
{
	exit(0);
}
