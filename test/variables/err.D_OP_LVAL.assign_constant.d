/* @@line: 4 */
BEGIN
{
	1 = 2;
}
