/* @@requires: btf */
/* @@opts: -q -x ktypes=/sys/kernel/btf/vmlinux */
/* Kernel typedefs are type names: casts, sizeof, declarations. */
u16 width;

BEGIN
{
	width = 0x12345;
	printf("%d %d %d %d\n", (u8)0x1ff, (s8)0xff, width, sizeof(width));
	exit(0);
}
