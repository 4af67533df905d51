/* @@line: 4 */
BEGIN
{
	this->a[1] = 1;
}
