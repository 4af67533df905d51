/* @@opts: -q */
BEGIN
{
	@["first"] = count();
}

BEGIN
{
	@["second"] = count();
	@["second"] = count();
}

BEGIN
{
	exit(0);
}
