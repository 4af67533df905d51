/* @@requires: kernel */
/* @@line: 6 */
/* A per-CPU variable has one copy per CPU, at no address kallsyms gives. */
BEGIN
{
	trace(`runqueues);
}
