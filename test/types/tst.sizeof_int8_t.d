/* @@opts: -q */
BEGIN
{
	printf("%d\n", sizeof (int8_t));
	exit(0);
}
