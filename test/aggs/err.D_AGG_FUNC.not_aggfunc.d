/* @@line: 4 */
BEGIN
{
	@a = 1;
}
