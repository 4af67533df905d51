/* @@line: 4 */
BEGIN
{
	printf("%k\n", 1);
}
