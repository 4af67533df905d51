/* @@line: 4 */
BEGIN
{
	x = (int)"str";
}
