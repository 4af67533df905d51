/* @@requires: btf */
/* @@opts: -q -x ktypes=/sys/kernel/btf/vmlinux */
/* D's own declarations come before the kernel's types. */
struct list_head {
	char c;
};

BEGIN
{
	printf("%d\n", sizeof(struct list_head));
	exit(0);
}
