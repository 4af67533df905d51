/* @@opts: -q */
dtrace:::[AB]EGIN
{
	printf("%s\n", probename);
}

BEGIN
{
	exit(0);
}
