/* @@opts: -q */
BEGIN
{
	printf("%d\n", sizeof (uintptr_t));
	exit(0);
}
