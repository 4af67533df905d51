/* @@line: 4 */
BEGIN
{
	x = basename(1);
}
