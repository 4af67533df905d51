/* @@requires: user */
/* @@opts: -q -x ustackframes=1 */
/* ustack() without a count records -x ustackframes frames. */
BEGIN
{
	ustack();
	exit(0);
}
