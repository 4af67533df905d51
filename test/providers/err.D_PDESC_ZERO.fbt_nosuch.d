/* @@requires: kernel fbt */
/* @@line: 3 */
fbt::no_such_kernel_function_xyz:entry
{
}
