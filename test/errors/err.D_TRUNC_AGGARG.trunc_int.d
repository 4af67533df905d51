/* @@line: 4 */
BEGIN
{
	trunc(1);
}
