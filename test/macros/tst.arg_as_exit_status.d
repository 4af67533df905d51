/* @@opts: -q */
/* @@args: 5 */
/* @@exit: 5 */
BEGIN
{
	exit($1);
}
