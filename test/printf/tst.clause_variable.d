/* @@opts: -q */
BEGIN
{
	this->x = 10;
	printf("%d\n", this->x * 2);
	exit(0);
}
