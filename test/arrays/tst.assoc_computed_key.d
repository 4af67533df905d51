/* @@opts: -q */
BEGIN
{
	a[strjoin("a", "b")] = 3;
	printf("%d\n", a["ab"]);
	exit(0);
}
