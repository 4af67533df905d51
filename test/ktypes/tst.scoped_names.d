/* @@requires: btf */
/* @@opts: -q -x ktypes=/sys/kernel/btf/vmlinux */
/*
 * mod`name: the types of one module, as "struct vmlinux`list_head" or as
 * type strings spell it, "vmlinux`struct list_head"; C` and D`: D's own.
 */
vmlinux`struct list_head *head;

BEGIN
{
	printf("%d %d %d %d\n",
	    sizeof(struct vmlinux`list_head) == sizeof(struct list_head),
	    sizeof(vmlinux`struct list_head) == sizeof(struct list_head),
	    sizeof(vmlinux`u32), sizeof(D`uint64_t));
	printf("%d\n", sizeof(*head));
	exit(0);
}
