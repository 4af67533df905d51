/* @@line: 4 */
BEGIN
{
	printf("plain\n", 1);
}
