/* @@line: 4 */
BEGIN
{
	5++;
}
