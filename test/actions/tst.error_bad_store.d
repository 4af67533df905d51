/* @@opts: -q */
BEGIN
{
	*(int *)0 = 1;
}

ERROR
{
	printf("fault %d\n", arg4);
	exit(0);
}
