/* @@line: 5 */
BEGIN
{
	@c["str"] = count();
	printa("%d %@d\n", @c);
}
