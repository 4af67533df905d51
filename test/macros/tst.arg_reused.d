/* @@opts: -q */
/* @@args: 6 */
BEGIN
{
	printf("%d %d %s\n", $1, $1 * $1, $$1);
	exit(0);
}
