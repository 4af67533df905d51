/* @@opts: -q */
BEGIN
{
	@ = lquantize(50, 0, 10, 2);
	exit(0);
}
