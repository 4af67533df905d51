/* @@line: 4 */
BEGIN
{
	x = 'abcdefghi';
}
