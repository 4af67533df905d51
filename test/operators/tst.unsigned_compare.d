/* @@opts: -q */
BEGIN
{
	printf("%d\n", (unsigned int)-1 > 1);
	exit(0);
}
