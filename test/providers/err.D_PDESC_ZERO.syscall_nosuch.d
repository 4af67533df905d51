/* @@requires: kernel syscall */
/* @@line: 3 */
syscall::nosuchsyscall:entry
{
}
