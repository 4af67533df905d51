/* @@line: 4 */
BEGIN
{
	@a = quantize("s");
}
