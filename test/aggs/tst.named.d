/* @@opts: -q */
BEGIN
{
	@counts["x"] = count();
	exit(0);
}
