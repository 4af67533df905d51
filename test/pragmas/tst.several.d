#pragma D option quiet
#pragma D option strsize=32
#pragma D option nspec=4

BEGIN
{
	printf("hello\n");
	exit(0);
}
