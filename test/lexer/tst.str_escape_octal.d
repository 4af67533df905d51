/* @@opts: -q */
BEGIN
{
	printf("%s\n", "\101\102");
	exit(0);
}
