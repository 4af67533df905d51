/* @@opts: -q */
BEGIN
{
	printf("%d\n", sizeof (int32_t));
	exit(0);
}
