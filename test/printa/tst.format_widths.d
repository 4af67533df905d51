/* @@opts: -q */
BEGIN
{
	@c["x"] = sum(5);
	@c["yy"] = sum(10);
	printa("[%-4s|%@5d]\n", @c);
	exit(0);
}
