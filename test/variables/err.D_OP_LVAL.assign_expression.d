/* @@line: 5 */
BEGIN
{
	x = 1;
	(x + 1) = 3;
}
