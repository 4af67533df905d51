/* @@line: 4 */
BEGIN
{
	x = offsetof(int, a);
}
