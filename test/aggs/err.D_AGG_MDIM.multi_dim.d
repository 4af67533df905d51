/* @@line: 4 */
BEGIN
{
	@a[1][2] = count();
}
