/* @@line: 5 */
BEGIN
{
	speculate(1);
	@a = count();
}
