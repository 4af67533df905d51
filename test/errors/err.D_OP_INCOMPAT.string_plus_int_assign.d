/* @@line: 4 */
BEGIN
{
	s = "a"; s = 1;
}
