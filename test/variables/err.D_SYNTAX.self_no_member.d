/* @@line: 4 */
BEGIN
{
	self = 1;
}
