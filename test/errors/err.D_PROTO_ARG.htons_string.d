/* @@line: 4 */
BEGIN
{
	x = htons("x");
}
