/* @@line: 4 */
BEGIN
{
	printf();
}
