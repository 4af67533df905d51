/* @@opts: -q */
inline int SZ = sizeof (long);

BEGIN
{
	printf("%d\n", SZ);
	exit(0);
}
