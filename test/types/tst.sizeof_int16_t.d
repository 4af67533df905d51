/* @@opts: -q */
BEGIN
{
	printf("%d\n", sizeof (int16_t));
	exit(0);
}
