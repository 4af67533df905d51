/* @@line: 4 */
BEGIN
{
	@a = count(1);
}
