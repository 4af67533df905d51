/* @@args: 1 2 */
BEGIN
{
	printf("%d\n", $1);
}
