/* @@opts: -q -C */
/* @@error: stop here */
#error stop here

BEGIN
{
	printf("hello\n");
	exit(0);
}
