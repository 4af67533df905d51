/* @@line: 4 */
BEGIN
{
	stack(1, 2);
}
