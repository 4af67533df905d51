/* @@opts: -q */
BEGIN
{
	printf("%d\n", (int)(uintptr_t)(char *)1000);
	exit(0);
}
