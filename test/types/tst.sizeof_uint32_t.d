/* @@opts: -q */
BEGIN
{
	printf("%d\n", sizeof (uint32_t));
	exit(0);
}
