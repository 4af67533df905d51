/* @@requires: kernel */
/* @@opts: -q */
/* The running kernel's types, without asking for them: no -x ktypes. */
BEGIN
{
	printf("%d %d %d\n", sizeof(struct task_struct) > 0,
	    offsetof(struct file, f_pos) ==
	    (uintptr_t)&((struct file *)0)->f_pos,
	    sizeof(((struct task_struct *)0)->comm));
	exit(0);
}
