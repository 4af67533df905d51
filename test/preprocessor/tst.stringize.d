/* @@opts: -q -C */
#define STR(x) #x

BEGIN
{
	printf("%s\n", STR(hello));
	exit(0);
}
