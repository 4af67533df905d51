/* @@line: 4 */
BEGIN
{
	ufunc("main");
}
