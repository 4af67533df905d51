/* @@line: 4 */
BEGIN
{
	x = inet_ntoa(1);
}
