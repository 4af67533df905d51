/* @@line: 4 */
BEGIN
{
	y = *(void *)0;
}
