/* @@line: 4 */
BEGIN
{
	x = lltostr("x");
}
