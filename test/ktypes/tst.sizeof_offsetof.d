/* @@requires: btf */
/* @@opts: -q -x ktypes=/sys/kernel/btf/vmlinux */
/* Sizes and offsets the kernel's ABI fixes, whatever its version. */
BEGIN
{
	printf("%d %d %d %d %d\n", sizeof(struct list_head),
	    offsetof(struct list_head, prev),
	    sizeof(((struct task_struct *)0)->comm), sizeof(u64),
	    sizeof(struct hlist_node));
	printf("%d\n", offsetof(struct file, f_pos) ==
	    (uintptr_t)&((struct file *)0)->f_pos);
	exit(0);
}
