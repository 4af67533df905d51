/* @@line: 4 */
BEGIN
{
	@a = sum(1); @a = avg(1);
}
