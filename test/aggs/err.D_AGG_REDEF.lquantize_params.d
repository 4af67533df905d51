/* @@line: 5 */
BEGIN
{
	@a = lquantize(1, 0, 10, 1);
	@a = quantize(1);
}
