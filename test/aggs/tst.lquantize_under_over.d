/* @@opts: -q */
BEGIN
{
	@ = lquantize(-5, 0, 10, 1);
	@ = lquantize(3, 0, 10, 1);
	@ = lquantize(3, 0, 10, 1);
	@ = lquantize(12, 0, 10, 1);
	exit(0);
}
