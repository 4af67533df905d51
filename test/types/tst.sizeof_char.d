/* @@opts: -q */
BEGIN
{
	printf("%d\n", sizeof (char));
	exit(0);
}
