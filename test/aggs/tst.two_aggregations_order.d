/* @@opts: -q */
BEGIN
{
	@second = sum(2);
	@first = sum(1);
	exit(0);
}
