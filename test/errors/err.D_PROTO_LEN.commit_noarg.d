/* @@line: 4 */
BEGIN
{
	commit();
}
