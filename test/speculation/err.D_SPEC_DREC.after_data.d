/* @@line: 5 */
BEGIN
{
	printf("x");
	speculate(1);
}
