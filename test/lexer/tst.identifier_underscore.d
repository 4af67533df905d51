/* @@opts: -q */
BEGIN
{
	_x1 = 3;
	a_b_c = 4;
	printf("%d\n", _x1 * a_b_c);
	exit(0);
}
