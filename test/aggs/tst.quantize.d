/* @@opts: -q */
BEGIN
{
	@ = quantize(1);
	exit(0);
}
