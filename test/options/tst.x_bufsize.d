/* @@opts: -q -x bufsize=16k */
BEGIN
{
	printf("hello\n");
	exit(0);
}
