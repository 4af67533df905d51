/* @@line: 9 */
BEGIN
{
	@a = count();
}

BEGIN
{
	trunc(@a, "x");
}
