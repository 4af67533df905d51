/* @@opts: -q */
tick-1ms
{
	printf("tick\n");
	exit(0);
}

BEGIN
{
	printf("begin\n");
}
