/* @@opts: -q */
BEGIN
{
	@["b"] = quantize(2);
	@["a"] = quantize(8);
	@["a"] = quantize(8);
	exit(0);
}
