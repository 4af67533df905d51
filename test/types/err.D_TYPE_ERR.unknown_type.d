/* @@line: 4 */
BEGIN
{
	x = (struct nosuch *)0;
}
