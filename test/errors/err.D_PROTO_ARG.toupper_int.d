/* @@line: 4 */
BEGIN
{
	x = toupper(1);
}
