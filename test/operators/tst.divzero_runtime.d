/* @@opts: -q */
/* @@error: divide-by-zero */
BEGIN
{
	x = 0;
	printf("%d\n", 1 / x);
	exit(0);
}

ERROR
{
	printf("error caught\n");
	exit(0);
}
