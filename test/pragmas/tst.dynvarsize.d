/* @@opts: -q */
#pragma D option dynvarsize=2m

BEGIN
{
	a["k"] = 1;
	printf("%d\n", a["k"]);
	exit(0);
}
