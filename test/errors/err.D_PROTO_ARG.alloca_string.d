/* @@line: 4 */
BEGIN
{
	x = alloca("x");
}
