/* @@line: 4 */
BEGIN
{
	printf("abc);
	exit(0);
}
