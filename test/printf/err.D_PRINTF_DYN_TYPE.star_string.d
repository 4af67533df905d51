/* @@line: 4 */
BEGIN
{
	printf("%*d\n", "wide", 1);
}
