/* @@line: 2 */
#define X 1

BEGIN
{
	printf("hello\n");
	exit(0);
}
