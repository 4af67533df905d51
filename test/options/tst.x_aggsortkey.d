/* @@opts: -q -x aggsortkey */
BEGIN
{
	@[2] = sum(10);
	@[1] = sum(20);
	exit(0);
}
