/* @@opts: -q */
BEGIN
{
	x = *(int *)0;
}

BEGIN
{
	printf("second clause\n");
	exit(0);
}
