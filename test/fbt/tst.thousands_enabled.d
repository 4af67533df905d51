/* @@requires: kernel fbt */
/* @@opts: -q */
/*
 * Thousands of functions armed at once (every vfs_* and every function
 * with "lock" in its name, entry and return) keep firing for two seconds
 * under a predicate that never holds; then tracing ends cleanly.
 */
fbt:vmlinux:vfs_*:entry,
fbt:vmlinux:*lock*:entry,
fbt:vmlinux:*lock*:return
/arg0 == 1 && arg0 == 2/
{
	@impossible = count();
}

tick-2s
{
	printf("armed and disarmed\n");
	exit(0);
}
