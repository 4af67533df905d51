/* @@line: 4 */
BEGIN
{
	speculate("s");
}
