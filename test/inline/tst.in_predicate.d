/* @@opts: -q */
inline int ON = 1;

BEGIN
/ON/
{
	printf("on\n");
	exit(0);
}
