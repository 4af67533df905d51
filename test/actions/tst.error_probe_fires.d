/* @@opts: -q */
/* @@error: invalid address (0x0) */
BEGIN
{
	x = *(int *)0;
	printf("not reached\n");
}

ERROR
{
	printf("fault %d at 0x%x\n", arg4, arg5);
	exit(0);
}
