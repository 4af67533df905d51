/* @@opts: -q */
BEGIN
{
	@ = quantize(1000000);
	@ = quantize(1048576);
	exit(0);
}
