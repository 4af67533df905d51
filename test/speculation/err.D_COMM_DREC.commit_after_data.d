/* @@line: 5 */
BEGIN
{
	printf("x");
	commit(1);
}
