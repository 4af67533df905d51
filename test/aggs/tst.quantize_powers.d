/* @@opts: -q */
BEGIN
{
	@ = quantize(1);
	@ = quantize(2);
	@ = quantize(4);
	@ = quantize(8);
	@ = quantize(16);
	@ = quantize(32);
	exit(0);
}
