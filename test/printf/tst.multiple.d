/* @@opts: -q */
BEGIN
{
	printf("%d-%s-%x\n", 1, "two", 3);
	exit(0);
}
