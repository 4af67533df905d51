/* @@opts: -q */
BEGIN
{
	printf("%d\n", sizeof (uint8_t));
	exit(0);
}
