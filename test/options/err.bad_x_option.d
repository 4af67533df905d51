/* @@opts: -q -x nosuchoption=1 */
/* @@error: nosuchoption */
BEGIN
{
	printf("hello\n");
	exit(0);
}
