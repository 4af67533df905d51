/* @@line: 4 */
BEGIN
{
	printf("%d %d\n", 1);
}
