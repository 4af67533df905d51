/* @@opts: -q */
BEGIN
{
	@[1] = lquantize(1, 0, 4, 1);
	@[2] = lquantize(2, 0, 4, 1);
	@[2] = lquantize(2, 0, 4, 1);
	exit(0);
}
