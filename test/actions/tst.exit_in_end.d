/* @@opts: -q */
/* @@exit: 4 */
BEGIN
{
	exit(0);
}

END
{
	exit(4);
}
