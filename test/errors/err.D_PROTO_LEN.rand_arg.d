/* @@line: 4 */
BEGIN
{
	x = rand(1);
}
