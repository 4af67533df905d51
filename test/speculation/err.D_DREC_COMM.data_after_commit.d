/* @@line: 5 */
BEGIN
{
	commit(1);
	printf("x");
}
