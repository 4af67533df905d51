/* @@line: 4 */
BEGIN
{
	timestamp = 1;
}
