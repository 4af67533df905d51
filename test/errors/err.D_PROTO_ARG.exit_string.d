/* @@line: 4 */
BEGIN
{
	exit("s");
}
