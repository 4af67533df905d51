/* @@requires: user */
/* Kernel symbols exist only where the core runs in the kernel. */
BEGIN
{
	trace(`jiffies);
}
