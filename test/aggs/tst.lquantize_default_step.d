/* @@opts: -q */
BEGIN
{
	@ = lquantize(4, 0, 5);
	exit(0);
}
