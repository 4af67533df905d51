/* @@line: 2 */
dtrace:::Z*
{
}
