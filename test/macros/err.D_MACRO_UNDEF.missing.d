/* @@args: 1 */
/* @@line: 5 */
BEGIN
{
	printf("%d\n", $2);
}
