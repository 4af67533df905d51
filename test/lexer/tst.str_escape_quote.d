/* @@opts: -q */
BEGIN
{
	printf("%s\n", "say \"hi\"");
	exit(0);
}
