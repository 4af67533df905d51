/* @@requires: kernel fbt */
/* @@opts: -q -w */
/*
 * dtrace -l lists a probe at the entry and the return of every traceable
 * function: tens of thousands on any kernel, vfs_read's two among them.
 */
BEGIN
{
	system("../../build/dtrace -l -P fbt | awk '$3 == \"vmlinux\" { n++ } $3 == \"vmlinux\" && $4 == \"vfs_read\" { print $3, $4, $5 } END { print (n > 20000 ? \"more\" : \"fewer\"), \"than 20000 vmlinux probes\" }'");
	exit(0);
}
