/* @@line: 4 */
BEGIN
{
	printf("%s\n", $$1);
}
