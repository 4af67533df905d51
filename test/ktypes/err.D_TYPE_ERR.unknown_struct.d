/* @@requires: btf */
/* @@opts: -x ktypes=/sys/kernel/btf/vmlinux */
/* @@line: 6 */
BEGIN
{
	trace(sizeof(struct no_such_kernel_struct));
}
