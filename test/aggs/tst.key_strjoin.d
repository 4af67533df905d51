/* @@opts: -q */
BEGIN
{
	@[strjoin("ab", "cd")] = count();
	exit(0);
}
