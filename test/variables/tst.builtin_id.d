/* @@opts: -q */
BEGIN
{
	printf("%d\n", id);
	exit(0);
}
