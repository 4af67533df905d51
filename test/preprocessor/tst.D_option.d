/* @@opts: -q -C -DVALUE=17 */
BEGIN
{
	printf("%d\n", VALUE);
	exit(0);
}
