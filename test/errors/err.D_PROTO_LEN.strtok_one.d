/* @@line: 4 */
BEGIN
{
	x = strtok("a");
}
