/* @@requires: user */
/* @@opts: -q */
/*
 * caller is the second frame of the stack (the first is the probed
 * function, dtrace_state_go()): func() and sym() name its function
 * without an offset, and keys of one function are one key.
 */
BEGIN
{
	func(caller);
	printf("|\n");
	sym(caller);
	printf("|\n");
	@[func(caller)] = count();
	@[func(caller + 1)] = count();
	exit(0);
}
