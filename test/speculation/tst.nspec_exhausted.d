/* @@opts: -q */
#pragma D option nspec=1

BEGIN
{
	a = speculation();
	b = speculation();
	printf("%d %d\n", a != 0, b);
	exit(0);
}
