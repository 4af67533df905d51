/* @@line: 4 */
BEGIN
{
	x = 089;
}
