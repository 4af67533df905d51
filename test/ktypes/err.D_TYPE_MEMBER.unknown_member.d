/* @@requires: btf */
/* @@opts: -x ktypes=/sys/kernel/btf/vmlinux */
/* @@line: 8 */
/* A member the kernel's struct does not have. */
BEGIN
{
	this->t = (struct task_struct *)0;
	trace(this->t->no_such_member);
}
