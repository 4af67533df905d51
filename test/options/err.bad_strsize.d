/* @@opts: -q -x strsize=lots */
/* @@error: strsize */
BEGIN
{
	printf("hello\n");
	exit(0);
}
