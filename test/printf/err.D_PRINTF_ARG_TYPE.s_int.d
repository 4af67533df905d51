/* @@line: 4 */
BEGIN
{
	printf("%s\n", 42);
}
