/* @@opts: -q -x stackframes=1 */
/* stack() without a count records -x stackframes frames. */
BEGIN
{
	stack();
	exit(0);
}
