/* @@opts: -q */
BEGIN
{
	a["x", 1] = 100;
	a["x", 2] = 200;
	a["y", 1] = 300;
	printf("%d %d %d\n", a["x", 1], a["x", 2], a["y", 1]);
	exit(0);
}
