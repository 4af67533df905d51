/* @@opts: -q */
typedef uint8_t byte_t;
typedef byte_t octet_t;

BEGIN
{
	printf("%d %d\n", sizeof (octet_t), (octet_t)257);
	exit(0);
}
