/* @@opts: -q */
BEGIN
{
	@lo = min(5);
	@lo = min(-2);
	@hi = max(5);
	@hi = max(-2);
	printa("%@d ", @lo);
	printa("%@d\n", @hi);
	exit(0);
}
