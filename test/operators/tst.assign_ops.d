/* @@opts: -q */
BEGIN
{
	x = 10;
	x += 5; printf("%d\n", x);
	x -= 3; printf("%d\n", x);
	x *= 4; printf("%d\n", x);
	x /= 6; printf("%d\n", x);
	x %= 5; printf("%d\n", x);
	x <<= 4; printf("%d\n", x);
	x >>= 2; printf("%d\n", x);
	x |= 0x100; printf("%x\n", x);
	x &= 0xf0f; printf("%x\n", x);
	x ^= 0xfff; printf("%x\n", x);
	exit(0);
}
