/* @@line: 4 */
BEGIN
{
	@a = max("s");
}
