/* @@requires: btf */
/* @@opts: -x ktypes=/sys/kernel/btf/vmlinux */
/* @@line: 6 */
BEGIN
{
	trace(((struct list_head *)0).next);
}
