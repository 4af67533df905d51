/* @@line: 4 */
BEGIN
{
	stack(0);
}
