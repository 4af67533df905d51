/* @@opts: -x quiet */
BEGIN
{
	printf("hello\n");
	exit(0);
}
