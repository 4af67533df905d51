/* @@opts: -q */
dtrace:::BEGI?
{
	printf("%s\n", probename);
}

BEGIN
{
	exit(0);
}
