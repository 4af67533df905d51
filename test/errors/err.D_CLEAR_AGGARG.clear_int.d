/* @@line: 4 */
BEGIN
{
	clear(1);
}
