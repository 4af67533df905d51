/* @@line: 4 */
BEGIN
{
	x = -"abc";
}
