/* @@line: 4 */
BEGIN
{
	printf("%c", "str");
}
