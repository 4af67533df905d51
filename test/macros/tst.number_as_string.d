/* @@opts: -q */
/* @@args: 123 */
BEGIN
{
	printf("%s\n", $$1);
	exit(0);
}
