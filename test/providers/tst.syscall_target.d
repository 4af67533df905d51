/* @@opts: -q -c "cat /dev/null" */
/* @@requires: kernel syscall */
int seen;

syscall::open*:entry
/pid == $target && !seen/
{
	seen = 1;
	printf("opened\n");
}
