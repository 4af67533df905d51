/* @@opts: -q */
/* @@exit: 1 */
BEGIN
{
	x = 5;
	exit(x - 4);
}
