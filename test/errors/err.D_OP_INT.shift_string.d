/* @@line: 4 */
BEGIN
{
	x = "a" << 1;
}
