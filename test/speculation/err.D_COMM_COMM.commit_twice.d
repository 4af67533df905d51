/* @@line: 5 */
BEGIN
{
	commit(1);
	commit(2);
}
