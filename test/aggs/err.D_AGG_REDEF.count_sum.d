/* @@line: 5 */
BEGIN
{
	@a = count();
	@a = sum(1);
}
