/* @@opts: -q */
int a[string];

BEGIN
{
	a["z"] = 26;
	printf("%d\n", a["z"]);
	exit(0);
}
