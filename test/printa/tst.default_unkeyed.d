/* @@opts: -q */
BEGIN
{
	@c = sum(7);
	printa(@c);
	exit(0);
}
