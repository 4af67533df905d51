/* @@line: 3 */
BEGIN
/"str"/
{
}
