/* @@line: 4 */
BEGIN
{
	int = 3;
}
