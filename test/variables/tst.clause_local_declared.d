/* @@opts: -q */
this int counter;

BEGIN
{
	this->counter = 7;
	printf("%d\n", this->counter);
	exit(0);
}
