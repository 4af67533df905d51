/* @@opts: -q */
/* @@exit: 3 */
BEGIN
{
	exit(3);
}
