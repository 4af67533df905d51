/* @@opts: -q */
BEGIN
{
	@ = quantize(-1);
	@ = quantize(-5);
	@ = quantize(-5);
	exit(0);
}
