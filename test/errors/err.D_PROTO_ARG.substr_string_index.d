/* @@line: 4 */
BEGIN
{
	x = substr("abc", "1");
}
