/* @@line: 4 */
BEGIN
{
	@a = sum("str");
}
