/* @@line: 4 */
BEGIN
{
	@a = llquantize(1, 10, 0);
}
