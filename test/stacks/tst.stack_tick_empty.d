/* @@requires: user */
/* @@opts: -q */
/*
 * A tick probe of the in-process host interrupts nothing: its kernel
 * stack is empty (as a profile probe that interrupted user mode), which
 * stack() prints as a bare newline.
 */
tick-1ms
{
	stack();
	exit(0);
}
