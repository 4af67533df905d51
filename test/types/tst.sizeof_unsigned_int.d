/* @@opts: -q */
BEGIN
{
	printf("%d\n", sizeof (unsigned int));
	exit(0);
}
