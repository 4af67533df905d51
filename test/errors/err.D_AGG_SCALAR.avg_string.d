/* @@line: 4 */
BEGIN
{
	@a = avg("s");
}
