/* @@line: 4 */
BEGIN
{
	x = dirname(2);
}
