/* @@line: 4 */
BEGIN
{
	nosuchfunc(1);
}
