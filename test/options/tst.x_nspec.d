/* @@opts: -q -x nspec=2 */
BEGIN
{
	a = speculation();
	b = speculation();
	c = speculation();
	printf("%d %d %d\n", a != 0, b != 0, c);
	exit(0);
}
