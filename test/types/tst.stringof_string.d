/* @@opts: -q */
BEGIN
{
	printf("%s\n", stringof("already"));
	exit(0);
}
