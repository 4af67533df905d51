/* @@line: 4 */
BEGIN
{
	this->p = (int *)alloca(4); this->p = "x";
}
