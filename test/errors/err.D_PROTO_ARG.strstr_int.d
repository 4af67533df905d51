/* @@line: 4 */
BEGIN
{
	x = strstr("abc", 1);
}
