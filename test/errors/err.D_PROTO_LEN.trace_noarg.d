/* @@line: 4 */
BEGIN
{
	trace();
}
