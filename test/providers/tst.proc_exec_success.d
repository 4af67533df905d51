/* @@opts: -q -c "cat /dev/null" */
/* @@requires: kernel proc */
proc:::exec-success
/pid == $target/
{
	printf("%s\n", execname);
}
