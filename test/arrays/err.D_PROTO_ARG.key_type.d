/* @@line: 5 */
BEGIN
{
	a[1] = 1;
	a["s"] = 2;
}
