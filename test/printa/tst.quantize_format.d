/* @@opts: -q */
BEGIN
{
	@q = quantize(1);
	printa("q:%@d", @q);
	exit(0);
}
