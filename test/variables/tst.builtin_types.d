/* @@opts: -q */
/*
 * The built-in variables have DTrace's types: pid_t, id_t, uid_t, gid_t,
 * processorid_t, int, uint64_t, int64_t (walltimestamp) and string,
 * seen through their sizes and signedness.
 */
BEGIN
{
	printf("%d %d %d %d %d %d %d %d %d %d %d %d\n", sizeof(pid),
	    sizeof(ppid), sizeof(tid), sizeof(uid), sizeof(gid), sizeof(cpu),
	    sizeof(errno), sizeof(timestamp), sizeof(vtimestamp),
	    sizeof(walltimestamp), sizeof(arg0), sizeof(execname));
	printf("%d %d %d %d %d %d %d ", pid - pid - 1 < 0,
	    ppid - ppid - 1 < 0, tid - tid - 1 < 0, cpu - cpu - 1 < 0,
	    errno - errno - 1 < 0, walltimestamp - walltimestamp - 1 < 0,
	    arg0 - arg0 - 1 < 0);
	printf("%d %d %d %d\n", uid - uid - 1 > 0, gid - gid - 1 > 0,
	    timestamp - timestamp - 1 > 0, vtimestamp - vtimestamp - 1 > 0);
	printf("%s %s %s %s\n", probeprov, probemod, probefunc, probename);
	exit(0);
}
