/* @@opts: -q */
BEGIN
{
	x = *(int *)0;
}

ERROR
{
	printf("%s\n", probename);
	exit(0);
}
