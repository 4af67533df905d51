/* @@line: 5 */
BEGIN
{
	self->x = "str";
	self->x = 1;
}
