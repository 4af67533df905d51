/* @@opts: -q */
BEGIN
{
	printf("%d\n", (uint16_t)-1);
	exit(0);
}
