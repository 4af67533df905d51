/* @@opts: -q */
typedef int myint_t;

BEGIN
{
	this->x = (myint_t)7;
	printf("%d %d\n", sizeof (myint_t), this->x);
	exit(0);
}
