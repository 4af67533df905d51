/* @@requires: btf */
/* @@opts: -x ktypes=/sys/kernel/btf/vmlinux */
/* @@line: 4 */
struct vmlinux`mine {
	int x;
};
