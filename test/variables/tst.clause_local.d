/* @@opts: -q */
BEGIN
{
	this->x = 5;
	this->y = this->x * 3;
	printf("%d\n", this->y);
	exit(0);
}
