/* @@requires: user */
/* @@opts: -q */
/*
 * Empty stacks are one aggregation key: the blank line of the stack,
 * then the value on its own line.
 */
tick-1ms
/i++ < 3/
{
	@[stack()] = count();
}

tick-1ms
/i == 3/
{
	exit(0);
}
