/* @@opts: -q */
BEGIN
{
	@c["k0"] = sum(1);
	@c["k1"] = sum(3);
	@c["k2"] = sum(5);
	@c["k3"] = sum(2);
	@c["k4"] = sum(4);
	printa("%s=%@d\n", @c);
	exit(0);
}
