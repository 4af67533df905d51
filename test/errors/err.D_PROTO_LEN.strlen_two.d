/* @@line: 4 */
BEGIN
{
	x = strlen("a", "b");
}
