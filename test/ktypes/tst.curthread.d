/* @@requires: kernel */
/* @@opts: -q */
/*
 * curthread is the current struct task_struct *: BEGIN fires in
 * dtrace's own (single) thread, so its members agree with the built-in
 * variables.
 */
BEGIN
{
	printf("%d %d %d %d\n", curthread->pid == tid, curthread->tgid == pid,
	    curthread->real_parent->tgid == ppid,
	    stringof(curthread->comm) == execname);
	printf("%d %d\n", sizeof(*curthread) == sizeof(struct task_struct),
	    curthread->mm != NULL);
	exit(0);
}
