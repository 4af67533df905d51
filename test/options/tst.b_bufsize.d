/* @@opts: -q -b 16k */
BEGIN
{
	printf("hello\n");
	exit(0);
}
