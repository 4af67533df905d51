/* @@line: 4 */
BEGIN
{
	x = undefined_thing;
}
