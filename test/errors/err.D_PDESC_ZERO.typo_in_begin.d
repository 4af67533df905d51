/* @@line: 2 */
BEGN
{
}
