/* @@opts: -q */
/* @@error: (ID 1: dtrace:::BEGIN): invalid address (0x8) in action #1 */
BEGIN
{
	x = *(int *)8;
}

BEGIN
{
	exit(0);
}
