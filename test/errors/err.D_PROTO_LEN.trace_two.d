/* @@line: 4 */
BEGIN
{
	trace(1, 2);
}
