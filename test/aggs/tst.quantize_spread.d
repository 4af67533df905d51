/* @@opts: -q */
BEGIN
{
	@ = quantize(0);
	@ = quantize(1);
	@ = quantize(1);
	@ = quantize(3);
	@ = quantize(3);
	@ = quantize(3);
	@ = quantize(100);
	@ = quantize(100);
	@ = quantize(100);
	@ = quantize(100);
	exit(0);
}
