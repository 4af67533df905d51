/* @@opts: -q */
inline string NAME = "inlined";

BEGIN
{
	printf("%s\n", NAME);
	exit(0);
}
