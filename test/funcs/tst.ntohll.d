/* @@opts: -q */
BEGIN
{
	printf("%llx\n", ntohll(0x1122334455667788ULL));
	exit(0);
}
