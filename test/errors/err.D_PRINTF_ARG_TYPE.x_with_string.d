/* @@line: 4 */
BEGIN
{
	printf("%x", "str");
}
