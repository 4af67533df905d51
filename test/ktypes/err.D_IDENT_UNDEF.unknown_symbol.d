/* @@requires: kernel */
/* @@line: 5 */
BEGIN
{
	trace(`no_such_kernel_symbol_xyz);
}
