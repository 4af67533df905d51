/* @@line: 5 */
BEGIN
{
	fmt = "%d\n";
	printf(fmt, 1);
}
