/* @@opts: -q */
enum e {
	E0,
	E1
};

inline enum e DEFAULT_E = E1;

BEGIN
{
	printf("%d\n", DEFAULT_E);
	exit(0);
}
