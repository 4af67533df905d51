/* @@opts: -q */
inline string WHERE = probename;

BEGIN
{
	printf("%s\n", WHERE);
	exit(0);
}
