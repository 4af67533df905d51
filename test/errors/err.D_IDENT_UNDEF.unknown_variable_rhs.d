/* @@line: 4 */
BEGIN
{
	x = y + nosuch;
}
