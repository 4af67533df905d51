/* @@line: 4 */
BEGIN
{
	x = 0x1ffffffffffffffff;
}
