/* @@line: 5 */
BEGIN
{
	x = 1;
	y = x->z;
}
