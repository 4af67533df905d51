/* @@line: 4 */
BEGIN
{
	if (1) { x = 1; }
}
