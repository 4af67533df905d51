/* @@opts: -q */
BEGIN
{
	x = 3;
	printf("%s\n", x > 2 ? "big" : "small");
	printf("%s\n", x > 5 ? "big" : "small");
	exit(0);
}
