/* @@line: 4 */
BEGIN
{
	x = strchr("abc", "b");
}
