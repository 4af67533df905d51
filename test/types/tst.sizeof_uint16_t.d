/* @@opts: -q */
BEGIN
{
	printf("%d\n", sizeof (uint16_t));
	exit(0);
}
