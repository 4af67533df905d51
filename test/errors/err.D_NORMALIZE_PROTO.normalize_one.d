/* @@line: 9 */
BEGIN
{
	@a = count();
}

BEGIN
{
	normalize(@a);
}
