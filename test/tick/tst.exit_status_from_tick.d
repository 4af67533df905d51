/* @@opts: -q */
/* @@exit: 7 */
tick-1ms
/n++ == 2/
{
	exit(7);
}
