/* @@opts: -q */
BEGIN
{
	@ = lquantize(5, 0, 100, 10);
	@ = lquantize(15, 0, 100, 10);
	@ = lquantize(15, 0, 100, 10);
	@ = lquantize(47, 0, 100, 10);
	@ = lquantize(99, 0, 100, 10);
	exit(0);
}
