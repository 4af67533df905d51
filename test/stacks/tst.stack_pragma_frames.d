/* @@opts: -q */
/* #pragma D option stackframes sets the frames of stack() too. */
#pragma D option stackframes=1

BEGIN
{
	stack();
	exit(0);
}
