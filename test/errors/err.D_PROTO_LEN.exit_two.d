/* @@line: 4 */
BEGIN
{
	exit(1, 2);
}
