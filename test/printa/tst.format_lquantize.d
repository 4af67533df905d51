/* @@opts: -q */
BEGIN
{
	@l = lquantize(1, 0, 3, 1);
	printa("l:%@d", @l);
	exit(0);
}
