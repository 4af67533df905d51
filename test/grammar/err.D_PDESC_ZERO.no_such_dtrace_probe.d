/* @@line: 2 */
dtrace:::NOSUCH
{
}
