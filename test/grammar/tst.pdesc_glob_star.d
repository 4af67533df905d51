/* @@opts: -q */
dtrace:::BEG*
{
	printf("%s\n", probename);
}

BEGIN
{
	exit(0);
}
