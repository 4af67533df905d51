/* @@line: 4 */
BEGIN
{
	normalize(1, 2);
}
