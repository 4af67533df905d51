/* @@opts: -q */
BEGIN
{
	printf("%d\n", sizeof (long long));
	exit(0);
}
