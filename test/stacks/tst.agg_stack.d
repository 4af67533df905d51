/* @@opts: -q */
/*
 * @[stack()] prints each stack as stack() does (a newline, then a line
 * per frame) and then its value on a line of its own.  Both clauses of
 * BEGIN record the same stack: one key, counted twice.
 */
BEGIN
{
	@[stack(1)] = count();
}

BEGIN
{
	@[stack(1)] = count();
	exit(0);
}
