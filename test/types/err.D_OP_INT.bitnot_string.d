/* @@line: 4 */
BEGIN
{
	x = ~"str";
}
