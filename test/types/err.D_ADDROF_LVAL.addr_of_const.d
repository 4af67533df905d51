/* @@line: 4 */
BEGIN
{
	y = &1;
}
