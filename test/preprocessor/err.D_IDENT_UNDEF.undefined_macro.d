/* @@opts: -C */
/* @@line: 5 */
BEGIN
{
	printf("%d\n", NOT_DEFINED);
}
