/* @@line: 6 */
BEGIN
{
	x = 1;
}
}
