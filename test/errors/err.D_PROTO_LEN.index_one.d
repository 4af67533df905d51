/* @@line: 4 */
BEGIN
{
	x = index("a");
}
