/* @@opts: -q */
BEGIN
{
	c["k"]++;
	c["k"]++;
	c["k"] += 5;
	printf("%d\n", c["k"]);
	exit(0);
}
