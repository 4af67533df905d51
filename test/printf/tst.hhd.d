/* @@opts: -q */
BEGIN
{
	printf("%hhd\n", (char)65);
	exit(0);
}
