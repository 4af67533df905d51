/* @@opts: -q */
/* @@error: invalid address (0x0) */
BEGIN
{
	x = *(int *)0;
}

tick-1ms
/n++ == 2/
{
	printf("still tracing\n");
	exit(0);
}
