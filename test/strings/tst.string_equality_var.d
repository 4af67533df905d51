/* @@opts: -q */
BEGIN
{
	a = "same";
	b = strjoin("sa", "me");
	printf("%d\n", a == b);
	exit(0);
}
