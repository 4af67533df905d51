/* @@opts: -q */
BEGIN
{
	@ = quantize(4, 3);
	exit(0);
}
