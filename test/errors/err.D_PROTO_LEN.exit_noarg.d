/* @@line: 4 */
BEGIN
{
	exit();
}
