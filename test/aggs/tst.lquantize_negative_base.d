/* @@opts: -q */
BEGIN
{
	@ = lquantize(-7, -10, 10, 5);
	@ = lquantize(2, -10, 10, 5);
	exit(0);
}
