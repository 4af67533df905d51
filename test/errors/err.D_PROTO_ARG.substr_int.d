/* @@line: 4 */
BEGIN
{
	x = substr(1, 2);
}
