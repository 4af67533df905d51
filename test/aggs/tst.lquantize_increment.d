/* @@opts: -q */
BEGIN
{
	@ = lquantize(2, 0, 4, 1, 5);
	exit(0);
}
