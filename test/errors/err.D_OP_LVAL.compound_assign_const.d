/* @@line: 4 */
BEGIN
{
	3 += 1;
}
