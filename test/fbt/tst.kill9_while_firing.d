/* @@requires: kernel fbt */
/* @@opts: -q -w */
/*
 * A consumer killed with SIGKILL while thousands of fbt probes fire
 * leaves nothing armed: the module unloads at the end of the cell and
 * the kernel log stays clean (vmtest checks both).  Here: the killed
 * consumer's probes are gone, so a second one can enable them again
 * (and, ending, prints DTrace's closing newline).
 */
BEGIN
{
	system("../../build/dtrace -q -n 'fbt:vmlinux:*lock*:entry { @[probefunc] = count(); }' & sleep 3; kill -9 $!; wait $!; echo \"killed: $?\"; ../../build/dtrace -q -n 'fbt:vmlinux:*lock*:entry { exit(0); }' && echo enabled again");
	exit(0);
}
