/* @@line: 4 */
BEGIN
{
	x = speculation(1);
}
