/* @@line: 4 */
BEGIN
{
	printa();
}
