/* @@opts: -q */
/*
 * BEGIN fires from dtrace_state_go(), in the module as in the in-process
 * host: the first frame of its stack is that function, in the dtrace
 * module (the module of the kernel host, the program of the user host).
 */
BEGIN
{
	stack(1);
	exit(0);
}
