/* @@requires: btf */
/* @@opts: -q -x ktypes=/sys/kernel/btf/vmlinux */
/* mod`name: the types of one module; C` and D`: D's own. */
BEGIN
{
	printf("%d %d %d\n",
	    sizeof(struct vmlinux`list_head) == sizeof(struct list_head),
	    sizeof(vmlinux`u32), sizeof(D`uint64_t));
	exit(0);
}
