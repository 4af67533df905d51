/* @@line: 4 */
BEGIN
{
	x = strjoin("a");
}
