/* @@requires: user */
/* @@opts: -q */
/*
 * The in-process host runs the core in dtrace itself, whose user stack
 * at BEGIN is the way down to dtrace_state_go(): the user stack of a
 * program with symbols, module`function as DTrace prints it.
 */
BEGIN
{
	ustack(2);
	exit(0);
}
