/* @@line: 4 */
BEGIN
{
	printf("%s %s %s\n", "a");
}
