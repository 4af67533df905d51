/* @@opts: -q */
#pragma D option nspec=2

BEGIN
{
	a = speculation();
	b = speculation();
	c = speculation();
	printf("%d %d %d %d\n", a != 0, b != 0, a != b, c);
	exit(0);
}
