/* @@opts: -q */
BEGIN
{
	printf("%d\n", sizeof (unsigned char));
	exit(0);
}
