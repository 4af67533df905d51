/* @@line: 4 */
BEGIN
{
	x = 1 2;
}
