/* @@line: 5 */
BEGIN
{
	speculate(1);
	exit(0);
}
