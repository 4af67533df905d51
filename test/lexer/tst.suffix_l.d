/* @@opts: -q */
BEGIN
{
	printf("%ld\n", 5000000000l);
	exit(0);
}
